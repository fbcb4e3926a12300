/* atlas-types.h — forward declarations shared by the model and the views
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _AtlasActor     AtlasActor;
typedef struct _AtlasContext   AtlasContext;
typedef struct _AtlasDataset   AtlasDataset;
typedef struct _AtlasEvent     AtlasEvent;
typedef struct _AtlasFilter    AtlasFilter;
typedef struct _AtlasLocation  AtlasLocation;
typedef struct _AtlasSelection AtlasSelection;
typedef struct _AtlasSource    AtlasSource;

G_END_DECLS
