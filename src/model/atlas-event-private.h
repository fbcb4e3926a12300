/* atlas-event-private.h — the event's fields, filled in by the loader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>

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

#define ATLAS_EVENT_NO_STRING G_MAXUINT16

/* What few events have, behind one pointer (NULL when none of it is there);
 * every event has it once a search has looked at it */
typedef struct
{
  GArray     *quotes;           /* AtlasEventQuote, or NULL when none */
  GArray     *properties;       /* AtlasEventProperty, file order, or NULL */
  AtlasActor *attributed_to;    /* owned reference, or NULL */
  gint64      excerpt_offset;   /* when it does not fit the event's 31 bits */
  char       *folded;           /* search haystack, built on first use */
} AtlasEventExtras;

/* An event is kept small (a million of them are held at once): its strings,
 * places, participants and fatalities (which a third of ACLED-like events have)
 * live in one block (see atlas_event_pack) laid out as
 *
 *   AtlasLocation *[n_places]  AtlasActor *[n_participants]
 *   if has_fatalities: guint64 n, AtlasEventFatality[n]
 *   guint8 place roles[n_places]  guint8 participant roles[n_participants]
 *   the strings, each NUL-terminated and in AtlasEventString order: the id and
 *   the title first, the others (those @present says are there) found by their
 *   offsets in @strings, or in a block of 64 KiB or more by walking from the
 *   title (such long texts are rare, and the offsets fit 16 bits otherwise)
 *
 * The instance is 112 bytes: GLib's allocators round to 16, so every field
 * counts in steps of 16 bytes.
 *
 * Until atlas_event_pack(), the loader keeps the strings itself. */
struct _AtlasEvent
{
  GObject            parent_instance;

  char              *block;           /* owned: places, participants, roles, strings */
  AtlasSource       *source;          /* owned reference, or NULL */
  const char        *category;        /* interned, or NULL */
  AtlasEventExtras  *extras;          /* owned, or NULL */

  gint64             start;
  gint64             end;             /* ATLAS_TIME_NONE when absent */
  gint64             span_to;         /* exclusive end of the span */
  /* offsets in block of the strings after the title (unless long_block) */
  guint16            strings[ATLAS_EVENT_N_STRINGS - 2];
  /* the format's offsets are whole minutes within ±18:00 */
  gint16             utc_offset_minutes;
  gint16             end_utc_offset_minutes;
  guint16            n_places;
  guint16            n_participants;
  guint              precision : 3;       /* AtlasPrecision */
  guint              end_precision : 3;   /* AtlasPrecision */
  guint              basis : 3;           /* AtlasBasis */
  guint              undated : 1;         /* no time: start, end, span_to are ATLAS_TIME_NONE */
  guint              has_id : 1;
  guint              has_title : 1;
  guint              has_fatalities : 1;
  guint              long_block : 1;
  guint              present : ATLAS_EVENT_N_STRINGS - 2;   /* bit i: strings[i] is there */
  gint32             excerpt_offset;      /* -1 when absent, -2 when in extras */
  guint              index;
};

#define ATLAS_EVENT_MAX_UTC_OFFSET (18 * 3600)

/* in seconds */
static inline int
atlas_event_utc_offset (const AtlasEvent *self)
{
  return self->utc_offset_minutes * 60;
}

static inline int
atlas_event_end_utc_offset (const AtlasEvent *self)
{
  return self->end_utc_offset_minutes * 60;
}

/* FALSE (and nothing set) for an offset the format does not allow */
static inline gboolean
atlas_event_set_utc_offsets (AtlasEvent *self,
                             gint64      utc_offset,
                             gint64      end_utc_offset)
{
  if (ABS (utc_offset) > ATLAS_EVENT_MAX_UTC_OFFSET || utc_offset % 60 != 0
      || ABS (end_utc_offset) > ATLAS_EVENT_MAX_UTC_OFFSET || end_utc_offset % 60 != 0)
    return FALSE;
  self->utc_offset_minutes = (gint16) (utc_offset / 60);
  self->end_utc_offset_minutes = (gint16) (end_utc_offset / 60);
  return TRUE;
}

/* the fatalities in the block, and how many */
static inline const AtlasEventFatality *
atlas_event_fatalities (const AtlasEvent *self,
                        gsize            *n)
{
  const char *at = self->block + ((gsize) self->n_places + self->n_participants)
                                 * sizeof (gpointer);
  guint64 count;

  if (!self->has_fatalities)
    {
      *n = 0;
      return NULL;
    }
  memcpy (&count, at, sizeof count);
  *n = (gsize) count;
  return (const AtlasEventFatality *) (const void *) (at + sizeof count);
}

/* the bytes before the roles */
static inline gsize
atlas_event_roles_at (const AtlasEvent *self)
{
  gsize n_fatalities;

  atlas_event_fatalities (self, &n_fatalities);
  return ((gsize) self->n_places + self->n_participants) * sizeof (gpointer)
         + (self->has_fatalities ? sizeof (guint64) + n_fatalities * sizeof (AtlasEventFatality)
                                 : 0);
}

/* the bytes before the strings */
static inline gsize
atlas_event_links_size (const AtlasEvent *self)
{
  return atlas_event_roles_at (self) + self->n_places + self->n_participants;
}

/* the string, or NULL */
static inline const char *
atlas_event_string (const AtlasEvent *self,
                    AtlasEventString  which)
{
  const char *p = self->block + atlas_event_links_size (self);

  if (which == ATLAS_EVENT_ID)
    return self->has_id ? p : NULL;
  if (self->has_id)
    p += strlen (p) + 1;
  if (which == ATLAS_EVENT_TITLE)
    return self->has_title ? p : NULL;

  if (!(self->present & (1u << (which - 2))))
    return NULL;
  if (!self->long_block)
    return self->block + self->strings[which - 2];

  if (self->has_title)
    p += strlen (p) + 1;
  for (guint i = ATLAS_EVENT_TITLE + 1; i < which; i++)
    {
      if (self->present & (1u << (i - 2)))
        p += strlen (p) + 1;
    }
  return p;
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
  return ((const guint8 *) self->block)[atlas_event_roles_at (self) + i];
}

static inline guint8
atlas_event_participant_role (const AtlasEvent *self,
                              guint             i)
{
  return ((const guint8 *) self->block)[atlas_event_roles_at (self) + self->n_places + i];
}

AtlasEvent *atlas_event_new          (void);
/* computes span_to from start, end and their precisions */
void        atlas_event_update_span  (AtlasEvent *self);
/* Copies the (borrowed) strings, ATLAS_EVENT_N_STRINGS of them, each NULL or not,
 * the given places and participants, whose references it takes over, and the
 * fatalities into one block owned by the event.  Called once. */
void        atlas_event_pack         (AtlasEvent                  *self,
                                      const char * const          *strings,
                                      const AtlasEventPlace       *places,
                                      guint                        n_places,
                                      const AtlasEventParticipant *participants,
                                      guint                        n_participants,
                                      const AtlasEventFatality    *fatalities,
                                      gsize                        n_fatalities);
/* append, taking over the references and strings in the entry */
void        atlas_event_add_quote    (AtlasEvent                  *self,
                                      const AtlasEventQuote       *quote);
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
