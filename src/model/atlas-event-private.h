/* atlas-event-private.h — the event's fields, filled in by the loader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "atlas-event.h"

G_BEGIN_DECLS

typedef struct
{
  AtlasLocation  *location;   /* owned reference */
  AtlasPlaceRole  role;
} AtlasEventPlace;

typedef struct
{
  AtlasActor           *actor;   /* owned reference */
  AtlasParticipantRole  role;
} AtlasEventParticipant;

typedef struct
{
  AtlasActor *speaker;   /* owned reference, or NULL */
  char       *text;
} AtlasEventQuote;

typedef struct
{
  const char *kind;        /* interned */
  const char *qualifier;   /* interned, or NULL */
  gint64      count;
} AtlasEventFatality;

typedef struct
{
  char *key;
  char *value;   /* shown as text */
} AtlasEventProperty;

/* An event is kept small: its strings, places and participants live in one block
 * (see atlas_event_pack); quotes, fatalities and properties, which few events
 * have, are arrays created on first use. */
struct _AtlasEvent
{
  GObject                parent_instance;

  /* Until atlas_event_pack(), the strings are borrowed (from the JSON tree being
   * read); after it they point into block. */
  const char            *id;
  const char            *title;
  const char            *summary;
  const char            *category;        /* interned, or NULL */
  const char            *start_text;
  const char            *end_text;
  const char            *date_text;
  const char            *excerpt;
  gpointer               block;           /* owned: places, participants, strings */
  AtlasEventPlace       *places;          /* n_places, in block; owned references */
  AtlasEventParticipant *participants;    /* n_participants, in block; owned references */
  GArray                *quotes;          /* AtlasEventQuote, or NULL when none */
  GArray                *fatalities;      /* AtlasEventFatality, or NULL when none */
  GArray                *properties;      /* AtlasEventProperty, file order, or NULL */
  AtlasSource           *source;          /* owned reference, or NULL */
  AtlasActor            *attributed_to;   /* owned reference, or NULL */
  char                  *folded;          /* search haystack, built on first use */

  gint64                 start;
  gint64                 end;             /* ATLAS_TIME_NONE when absent */
  gint64                 span_to;         /* exclusive end of the span */
  gint64                 excerpt_offset;  /* -1 when absent */
  int                    utc_offset;
  int                    end_utc_offset;
  AtlasPrecision         precision;
  AtlasPrecision         end_precision;
  AtlasBasis             basis;
  guint                  index;
  guint16                n_places;
  guint16                n_participants;
  gboolean               undated;         /* no time: start, end, span_to are ATLAS_TIME_NONE */
};

AtlasEvent *atlas_event_new          (void);
/* computes span_to from start, end and their precisions */
void        atlas_event_update_span  (AtlasEvent *self);
/* Copies the (borrowed) strings and the given places and participants, whose
 * references it takes over, into one block owned by the event.  Called once. */
void        atlas_event_pack         (AtlasEvent                  *self,
                                      const AtlasEventPlace       *places,
                                      guint                        n_places,
                                      const AtlasEventParticipant *participants,
                                      guint                        n_participants);
/* append, taking over the references and strings in the entry */
void        atlas_event_add_quote    (AtlasEvent                  *self,
                                      const AtlasEventQuote       *quote);
void        atlas_event_add_fatality (AtlasEvent                  *self,
                                      const AtlasEventFatality    *fatality);
void        atlas_event_add_property (AtlasEvent                  *self,
                                      const AtlasEventProperty    *property);
/* orders by start, then end (absent first), then id; undated events last (by id) */
int         atlas_event_compare      (AtlasEvent *a,
                                      AtlasEvent *b);

G_END_DECLS
