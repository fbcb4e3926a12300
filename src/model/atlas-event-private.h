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

/* The strings of an event, in the order they are packed into its block */
typedef enum
{
  ATLAS_EVENT_ID,
  ATLAS_EVENT_TITLE,
  ATLAS_EVENT_SUMMARY,
  ATLAS_EVENT_START_TEXT,
  ATLAS_EVENT_END_TEXT,
  ATLAS_EVENT_DATE_TEXT,
  ATLAS_EVENT_EXCERPT,
  ATLAS_EVENT_N_STRINGS
} AtlasEventString;

#define ATLAS_EVENT_NO_STRING G_MAXUINT32

/* What few events have, behind one pointer (NULL when none of it is there) */
typedef struct
{
  GArray     *quotes;           /* AtlasEventQuote, or NULL when none */
  GArray     *fatalities;       /* AtlasEventFatality, or NULL when none */
  GArray     *properties;       /* AtlasEventProperty, file order, or NULL */
  AtlasActor *attributed_to;    /* owned reference, or NULL */
  gint64      excerpt_offset;   /* when it does not fit the event's 31 bits */
} AtlasEventExtras;

/* An event is kept small (a million of them are held at once): its strings,
 * places and participants live in one block (see atlas_event_pack) laid out as
 *
 *   AtlasLocation *[n_places]  AtlasActor *[n_participants]
 *   guint8 place roles[n_places]  guint8 participant roles[n_participants]
 *   the strings, each NUL-terminated, found by their offsets in @strings
 *
 * Until atlas_event_pack(), the loader keeps the strings itself. */
struct _AtlasEvent
{
  GObject            parent_instance;

  char              *block;           /* owned: places, participants, roles, strings */
  AtlasSource       *source;          /* owned reference, or NULL */
  const char        *category;        /* interned, or NULL */
  AtlasEventExtras  *extras;          /* owned, or NULL */
  char              *folded;          /* search haystack, built on first use */

  gint64             start;
  gint64             end;             /* ATLAS_TIME_NONE when absent */
  gint64             span_to;         /* exclusive end of the span */
  guint32            strings[ATLAS_EVENT_N_STRINGS];   /* offsets in block, or NO_STRING */
  gint32             excerpt_offset;  /* -1 when absent, -2 when in extras */
  gint32             utc_offset;      /* seconds, within ±18:00 */
  gint32             end_utc_offset;
  guint              index;
  guint16            n_places;
  guint16            n_participants;
  guint8             precision;       /* AtlasPrecision */
  guint8             end_precision;   /* AtlasPrecision */
  guint8             basis;           /* AtlasBasis */
  guint8             undated;         /* no time: start, end, span_to are ATLAS_TIME_NONE */
};

/* the string, or NULL */
static inline const char *
atlas_event_string (const AtlasEvent *self,
                    AtlasEventString  which)
{
  guint32 offset = self->strings[which];

  return offset == ATLAS_EVENT_NO_STRING ? NULL : self->block + offset;
}

static inline AtlasLocation *
atlas_event_place_location (const AtlasEvent *self,
                            guint             i)
{
  return ((AtlasLocation **) (void *) self->block)[i];
}

static inline AtlasActor *
atlas_event_participant_actor (const AtlasEvent *self,
                               guint             i)
{
  return ((AtlasActor **) (void *) self->block)[self->n_places + i];
}

static inline guint8
atlas_event_place_role (const AtlasEvent *self,
                        guint             i)
{
  return ((const guint8 *) self->block)[(self->n_places + self->n_participants)
                                         * sizeof (gpointer) + i];
}

static inline guint8
atlas_event_participant_role (const AtlasEvent *self,
                              guint             i)
{
  return ((const guint8 *) self->block)[(self->n_places + self->n_participants)
                                         * sizeof (gpointer) + self->n_places + i];
}

AtlasEvent *atlas_event_new          (void);
/* computes span_to from start, end and their precisions */
void        atlas_event_update_span  (AtlasEvent *self);
/* Copies the (borrowed) strings, ATLAS_EVENT_N_STRINGS of them, each NULL or not,
 * and the given places and participants, whose references it takes over, into
 * one block owned by the event.  Called once. */
void        atlas_event_pack         (AtlasEvent                  *self,
                                      const char * const          *strings,
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
/* takes over the reference */
void        atlas_event_set_attributed_to (AtlasEvent            *self,
                                           AtlasActor            *actor);
/* @offset ≥ 0, or -1 for none */
void        atlas_event_set_excerpt_offset (AtlasEvent           *self,
                                            gint64                offset);
/* orders by start, then end (absent first), then id; undated events last (by id) */
int         atlas_event_compare      (AtlasEvent *a,
                                      AtlasEvent *b);

G_END_DECLS
