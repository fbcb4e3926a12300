/* atlas-area-layer.h — location areas and uncertainty circles under the markers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Draws, for every location with visible events, its `area` polygon
 * (translucent fill and outline in the colour of its dominant category) and,
 * where the location's `precision_m` radius is larger on screen than its marker,
 * a dashed circle of that radius.  Counts and colours come from the marker layer.
 */

#pragma once

#include <shumate/shumate.h>

#include "atlas-marker-layer.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_AREA_LAYER (atlas_area_layer_get_type ())
G_DECLARE_FINAL_TYPE (AtlasAreaLayer, atlas_area_layer, ATLAS, AREA_LAYER, ShumateLayer)

AtlasAreaLayer *atlas_area_layer_new (ShumateViewport  *viewport,
                                      AtlasMarkerLayer *markers);

G_END_DECLS
