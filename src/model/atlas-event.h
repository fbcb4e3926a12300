/* atlas-event.h — one thing that happened (or was announced), with its places,
 * actors, time and the sentence it comes from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "atlas-types.h"
#include "atlas-vocab.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_EVENT (atlas_event_get_type ())
G_DECLARE_FINAL_TYPE (AtlasEvent, atlas_event, ATLAS, EVENT, GObject)

const char      *atlas_event_get_id              (AtlasEvent *self);
const char      *atlas_event_get_title           (AtlasEvent *self);
const char      *atlas_event_get_summary         (AtlasEvent *self);
/* free word from the dataset ("diplomacy", "military"…), or NULL */
const char      *atlas_event_get_category        (AtlasEvent *self);

/* Time.  start is set unless the event is undated; end is ATLAS_TIME_NONE when the
 * event gives none. */
gint64           atlas_event_get_start           (AtlasEvent *self);
gint64           atlas_event_get_end             (AtlasEvent *self);
/* TRUE for an event the dataset gives no time for ("undated": true).  Its start,
 * end and span are ATLAS_TIME_NONE, its text getters NULL; it sorts after every
 * dated event, is not placed on the time axis, and neither the playhead nor a
 * time window hides it (actor, category and search filters apply as usual). */
gboolean         atlas_event_is_undated          (AtlasEvent *self);
/* the text as written in the file */
const char      *atlas_event_get_start_text      (AtlasEvent *self);
const char      *atlas_event_get_end_text        (AtlasEvent *self);
/* seconds east of UTC of the start as written (0 for a bare date) */
int              atlas_event_get_utc_offset      (AtlasEvent *self);
AtlasPrecision   atlas_event_get_precision       (AtlasEvent *self);
AtlasBasis       atlas_event_get_basis           (AtlasEvent *self);
/* the source's own words for the time ("mid-July", "on Monday"), or NULL */
const char      *atlas_event_get_date_text       (AtlasEvent *self);
/* The whole period the event may cover: from start to the later of end and
 * the end of the start's precision period (a month-precision event spans its month).
 * @to is exclusive. */
void             atlas_event_get_span            (AtlasEvent *self,
                                                  gint64     *from,
                                                  gint64     *to);
/* translated, e.g. "Monday 5 December 2016" or "mid-July 2016 (approximate)";
 * includes the end when there is one ("2 – 4 December 2016"). */
char            *atlas_event_format_date         (AtlasEvent *self);

/* Places: location and its role in this event */
guint            atlas_event_get_n_places        (AtlasEvent     *self);
AtlasLocation   *atlas_event_get_place           (AtlasEvent     *self,
                                                  guint           i,
                                                  AtlasPlaceRole *role);
/* Participants: actor and role */
guint            atlas_event_get_n_participants  (AtlasEvent           *self);
AtlasActor      *atlas_event_get_participant     (AtlasEvent           *self,
                                                  guint                 i,
                                                  AtlasParticipantRole *role);
gboolean         atlas_event_has_actor           (AtlasEvent *self,
                                                  AtlasActor *actor);
gboolean         atlas_event_has_location        (AtlasEvent    *self,
                                                  AtlasLocation *location);

/* Provenance.  Any of these may be NULL / -1 when the dataset does not give them. */
AtlasSource     *atlas_event_get_source          (AtlasEvent *self);
const char      *atlas_event_get_excerpt         (AtlasEvent *self);
/* character (code point) offset of the excerpt in the source text, or -1 */
gint64           atlas_event_get_excerpt_offset  (AtlasEvent *self);
AtlasActor      *atlas_event_get_attributed_to   (AtlasEvent *self);

/* Quotes: the speaker may be NULL */
guint            atlas_event_get_n_quotes        (AtlasEvent  *self);
const char      *atlas_event_get_quote           (AtlasEvent  *self,
                                                  guint        i,
                                                  AtlasActor **speaker);

/* Fatalities: "civilians" → 320 … in file order; @qualifier is the optional
 * free word that says how sure ("nearly", "over", "at least"), or NULL. */
guint            atlas_event_get_n_fatalities    (AtlasEvent  *self);
const char      *atlas_event_get_fatality        (AtlasEvent  *self,
                                                  guint        i,
                                                  gint64      *count,
                                                  const char **qualifier);

/* Free properties ("properties" in the format; other columns of an imported file),
 * in file order: the value as text, the key in @key. */
guint            atlas_event_get_n_properties    (AtlasEvent  *self);
const char      *atlas_event_get_property        (AtlasEvent  *self,
                                                  guint        i,
                                                  const char **key);

/* position in atlas_dataset_get_events() (time order), stable for the dataset's life */
guint            atlas_event_get_index           (AtlasEvent *self);

/* case- and accent-insensitive match of @folded_needle (already passed through
 * atlas_event_fold_text) against title, summary, places, actors, their aliases and
 * their names in every language */
gboolean         atlas_event_matches_search      (AtlasEvent *self,
                                                  const char *folded_needle);
char            *atlas_event_fold_text           (const char *text);

G_END_DECLS
