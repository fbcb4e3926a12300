/* atlas-context.h — the one state every view observes: dataset, filter,
 * selection, playhead
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Views read the context and call its API; they never talk to each other.
 *
 * Visible events = events matching the filter, and, in "up to the playhead"
 * mode, starting at or before the playhead.  The visible set is recomputed when
 * the dataset, filter, playhead or mode changes; then ::visible-changed is
 * emitted once and notify::n-visible if the count changed.
 */

#pragma once

#include <glib-object.h>

#include "atlas-types.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_CONTEXT (atlas_context_get_type ())
G_DECLARE_FINAL_TYPE (AtlasContext, atlas_context, ATLAS, CONTEXT, GObject)

AtlasContext   *atlas_context_new                (void);

/* Setting a dataset resets filter, selection and playhead (to the dataset's end). */
void            atlas_context_set_dataset        (AtlasContext *self,
                                                  AtlasDataset *dataset);
AtlasDataset   *atlas_context_get_dataset        (AtlasContext *self);
AtlasFilter    *atlas_context_get_filter         (AtlasContext *self);
AtlasSelection *atlas_context_get_selection      (AtlasContext *self);

/* ATLAS_TIME_NONE means "no playhead" (everything visible) */
void            atlas_context_set_playhead       (AtlasContext *self,
                                                  gint64        playhead);
gint64          atlas_context_get_playhead       (AtlasContext *self);
/* TRUE: only events that started at or before the playhead are visible */
void            atlas_context_set_up_to_playhead (AtlasContext *self,
                                                  gboolean      up_to);
gboolean        atlas_context_get_up_to_playhead (AtlasContext *self);

gboolean        atlas_context_is_visible         (AtlasContext *self,
                                                  AtlasEvent   *event);
/* events matching the filter only, ignoring the playhead */
gboolean        atlas_context_matches_filter     (AtlasContext *self,
                                                  AtlasEvent   *event);
guint           atlas_context_get_n_visible      (AtlasContext *self);
/* sorted ascending event indexes of the visible events; borrowed, valid until the
 * next ::visible-changed */
const guint    *atlas_context_get_visible        (AtlasContext *self,
                                                  guint        *n_visible);
/* sorted ascending event indexes of the events matching the filter, whatever the
 * playhead (the visible ones when the playhead does not hide any); borrowed,
 * valid until the next ::visible-changed */
const guint    *atlas_context_get_matching       (AtlasContext *self,
                                                  guint        *n_matching);
/* the visible set as a bitset over event indexes (bit e % 64 of word e / 64, the
 * dataset's event count rounded up to whole words); built on first use,
 * borrowed, valid until the next ::visible-changed; NULL without a dataset */
const guint64  *atlas_context_get_visible_bits   (AtlasContext *self);
/* number of visible events involving @actor */
guint           atlas_context_count_visible_for_actor    (AtlasContext  *self,
                                                          AtlasActor    *actor);
guint           atlas_context_count_visible_for_location (AtlasContext  *self,
                                                          AtlasLocation *location);

/* Walk the selection in time order among visible events: select the next (or
 * previous) visible event after the first selected one.  Returns FALSE at the end. */
gboolean        atlas_context_select_next        (AtlasContext *self);
gboolean        atlas_context_select_previous    (AtlasContext *self);

G_END_DECLS
