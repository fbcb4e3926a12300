/* atlas-location.h — a place: a point with a precision, optionally an area
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "atlas-types.h"
#include "atlas-vocab.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_LOCATION (atlas_location_get_type ())
G_DECLARE_FINAL_TYPE (AtlasLocation, atlas_location, ATLAS, LOCATION, GObject)

const char         *atlas_location_get_id          (AtlasLocation *self);
const char         *atlas_location_get_name        (AtlasLocation *self);
const char         *atlas_location_get_name_for    (AtlasLocation *self,
                                                    const char    *language);
/* the name in the language of the user interface, atlas_ui_language() */
const char         *atlas_location_get_display_name (AtlasLocation *self);
GHashTable         *atlas_location_get_names       (AtlasLocation *self);
AtlasLocationKind   atlas_location_get_kind        (AtlasLocation *self);
double              atlas_location_get_latitude    (AtlasLocation *self);
double              atlas_location_get_longitude   (AtlasLocation *self);
/* radius in metres within which the true place lies; 0 when not given */
double              atlas_location_get_precision_m (AtlasLocation *self);
/* the enclosing location, or NULL; borrowed */
AtlasLocation      *atlas_location_get_parent      (AtlasLocation *self);
/* the area ring as @n_points (lon, lat) pairs: coords[2*i] = lon, coords[2*i+1] = lat.
 * Returns NULL and *n_points = 0 when the location has no area. */
const double       *atlas_location_get_area        (AtlasLocation *self,
                                                    guint         *n_points);
guint               atlas_location_get_index       (AtlasLocation *self);
/* number of events in the dataset that name this location (any role) */
guint               atlas_location_get_n_events    (AtlasLocation *self);

G_END_DECLS
