/* atlas-selection.h — the events the user has selected, shared by every view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GListModel of AtlasEvent in time order.  Every change is one items-changed
 * (usually a full replace) followed by ::changed.
 */

#pragma once

#include <gio/gio.h>

#include "atlas-types.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_SELECTION (atlas_selection_get_type ())
G_DECLARE_FINAL_TYPE (AtlasSelection, atlas_selection, ATLAS, SELECTION, GObject)

AtlasSelection *atlas_selection_new            (void);

void            atlas_selection_clear          (AtlasSelection *self);
/* replace the selection by @event (NULL clears) */
void            atlas_selection_select_event   (AtlasSelection *self,
                                                AtlasEvent     *event);
/* replace the selection by these events (any order, duplicates ignored) */
void            atlas_selection_select_events  (AtlasSelection *self,
                                                AtlasEvent    **events,
                                                guint           n_events);
void            atlas_selection_toggle_event   (AtlasSelection *self,
                                                AtlasEvent     *event);
gboolean        atlas_selection_contains       (AtlasSelection *self,
                                                AtlasEvent     *event);
guint           atlas_selection_get_n_events   (AtlasSelection *self);
/* borrowed */
AtlasEvent     *atlas_selection_get_event      (AtlasSelection *self,
                                                guint           i);
/* the first selected event in time order, or NULL; borrowed */
AtlasEvent     *atlas_selection_get_first      (AtlasSelection *self);
gboolean        atlas_selection_involves_actor    (AtlasSelection *self,
                                                   AtlasActor     *actor);
gboolean        atlas_selection_involves_location (AtlasSelection *self,
                                                   AtlasLocation  *location);

G_END_DECLS
