/* atlas-event-details.h — everything the dataset says about the selected event
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "atlas-model.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_EVENT_DETAILS (atlas_event_details_get_type ())
G_DECLARE_FINAL_TYPE (AtlasEventDetails, atlas_event_details, ATLAS, EVENT_DETAILS, GtkWidget)

GtkWidget    *atlas_event_details_new              (void);
AtlasContext *atlas_event_details_get_context      (AtlasEventDetails *self);
void          atlas_event_details_set_context      (AtlasEventDetails *self,
                                                    AtlasContext      *context);

/* The event shown (one of the selection), or NULL; borrowed */
AtlasEvent   *atlas_event_details_get_event        (AtlasEventDetails *self);
/* For tests: the text of the title and of the source excerpt as shown */
const char   *atlas_event_details_get_title_text   (AtlasEventDetails *self);
const char   *atlas_event_details_get_excerpt_text (AtlasEventDetails *self);
/* For tests: the date line as shown ("Undated" for an undated event) and whether
 * the basis line under it is shown */
const char   *atlas_event_details_get_date_text     (AtlasEventDetails *self);
gboolean      atlas_event_details_get_basis_visible (AtlasEventDetails *self);
/* For tests: the rows of the Details (free properties) section as shown, 0 when it
 * is hidden; the value's text, the key's in @key */
guint         atlas_event_details_get_n_property_rows   (AtlasEventDetails  *self);
const char   *atlas_event_details_get_property_row_text (AtlasEventDetails  *self,
                                                         guint               i,
                                                         const char        **key);

G_END_DECLS
