/* atlas-filter.h — what the user asked to see: actors, categories, text, a time window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Emits ::changed once per user change (after any property notify).  An empty
 * actor or category set does not filter.
 */

#pragma once

#include <glib-object.h>

#include "atlas-types.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_FILTER (atlas_filter_get_type ())
G_DECLARE_FINAL_TYPE (AtlasFilter, atlas_filter, ATLAS, FILTER, GObject)

AtlasFilter  *atlas_filter_new                 (void);

/* Actors: an event matches when it involves any of them (or all of them, with
 * match-all).  With include-members an actor also stands for every actor
 * affiliated to it (Russia covers Lavrov). */
void          atlas_filter_set_actor_active    (AtlasFilter *self,
                                                AtlasActor  *actor,
                                                gboolean     active);
gboolean      atlas_filter_get_actor_active    (AtlasFilter *self,
                                                AtlasActor  *actor);
/* only this one */
void          atlas_filter_set_only_actor      (AtlasFilter *self,
                                                AtlasActor  *actor);
guint         atlas_filter_get_n_actors        (AtlasFilter *self);
/* new array of the active actors (borrowed pointers) */
GPtrArray    *atlas_filter_dup_actors          (AtlasFilter *self);
void          atlas_filter_set_match_all       (AtlasFilter *self,
                                                gboolean     match_all);
gboolean      atlas_filter_get_match_all       (AtlasFilter *self);
void          atlas_filter_set_include_members (AtlasFilter *self,
                                                gboolean     include_members);
gboolean      atlas_filter_get_include_members (AtlasFilter *self);

/* Claims: only events @claimant claims — those whose source attributes them to
 * it, and those where it is a speaker — or, with include-members, one of its
 * members.  NULL: off.  Applies on top of the actor filter. */
void          atlas_filter_set_claimant        (AtlasFilter *self,
                                                AtlasActor  *claimant);
AtlasActor   *atlas_filter_get_claimant        (AtlasFilter *self);

/* Categories (the dataset's free words) */
void          atlas_filter_set_category_active (AtlasFilter *self,
                                                const char  *category,
                                                gboolean     active);
gboolean      atlas_filter_get_category_active (AtlasFilter *self,
                                                const char  *category);

/* Free text; matched with atlas_event_matches_search() */
void          atlas_filter_set_search          (AtlasFilter *self,
                                                const char  *text);
const char   *atlas_filter_get_search          (AtlasFilter *self);

/* Time window [from, to); ATLAS_TIME_NONE on either side for unbounded.
 * An event matches when its span overlaps the window. */
void          atlas_filter_set_time_window     (AtlasFilter *self,
                                                gint64       from,
                                                gint64       to);
void          atlas_filter_get_time_window     (AtlasFilter *self,
                                                gint64      *from,
                                                gint64      *to);

/* clears actors, claimant, categories, search and window in one ::changed */
void          atlas_filter_reset               (AtlasFilter *self);
gboolean      atlas_filter_is_empty            (AtlasFilter *self);

gboolean      atlas_filter_matches             (AtlasFilter *self,
                                                AtlasEvent  *event);

G_END_DECLS
