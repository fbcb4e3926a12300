/* atlas-link-layer.h — lines between the places of the selected events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For each selected event, joins the places it names in roles other than
 * `occurred` to the place where it occurred: a dashed line for `about`
 * (Geneva talks about Aleppo), an arrow from `origin` to `destination` (or from
 * the origin to the occurred place, or from it to the destination, when only
 * one end is given).  Lines end at the markers that draw the places.
 */

#pragma once

#include <shumate/shumate.h>

#include "atlas-marker-layer.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_LINK_LAYER (atlas_link_layer_get_type ())
G_DECLARE_FINAL_TYPE (AtlasLinkLayer, atlas_link_layer, ATLAS, LINK_LAYER, ShumateLayer)

AtlasLinkLayer *atlas_link_layer_new     (ShumateViewport  *viewport,
                                          AtlasMarkerLayer *markers);
/* number of lines drawn for the current selection and zoom */
guint           atlas_link_layer_get_n_links (AtlasLinkLayer *self);

G_END_DECLS
