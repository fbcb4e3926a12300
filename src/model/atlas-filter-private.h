/* atlas-filter-private.h — pieces of the filter the context uses to go fast
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "atlas-filter.h"

G_BEGIN_DECLS

/* atlas_filter_matches() without the actor test (the context does that part
 * with the dataset's posting lists) */
gboolean atlas_filter_matches_except_actors (AtlasFilter *self,
                                             AtlasEvent  *event);

G_END_DECLS
