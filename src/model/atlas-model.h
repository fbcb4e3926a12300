/* atlas-model.h — the whole model in one include
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "atlas-types.h"
#include "atlas-vocab.h"
#include "atlas-time.h"
#include "atlas-source.h"
#include "atlas-actor.h"
#include "atlas-location.h"
#include "atlas-event.h"
#include "atlas-dataset.h"
#include "atlas-filter.h"
#include "atlas-selection.h"
#include "atlas-context.h"
#include "atlas-text.h"
#include "atlas-language.h"
