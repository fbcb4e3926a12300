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

struct _AtlasEvent
{
  GObject         parent_instance;

  char           *id;
  char           *title;
  char           *summary;
  const char     *category;        /* interned, or NULL */
  char           *start_text;
  char           *end_text;
  char           *date_text;
  char           *excerpt;
  GArray         *places;          /* AtlasEventPlace */
  GArray         *participants;    /* AtlasEventParticipant */
  GArray         *quotes;          /* AtlasEventQuote */
  GArray         *fatalities;      /* AtlasEventFatality */
  GArray         *properties;      /* AtlasEventProperty, file order */
  AtlasSource    *source;          /* owned reference, or NULL */
  AtlasActor     *attributed_to;   /* owned reference, or NULL */
  char           *folded;          /* search haystack, built on first use */

  gint64          start;
  gint64          end;             /* ATLAS_TIME_NONE when absent */
  gint64          span_to;         /* exclusive end of the span */
  gint64          excerpt_offset;  /* -1 when absent */
  int             utc_offset;
  int             end_utc_offset;
  AtlasPrecision  precision;
  AtlasPrecision  end_precision;
  AtlasBasis      basis;
  guint           index;
  gboolean        undated;         /* no time: start, end, span_to are ATLAS_TIME_NONE */
};

AtlasEvent *atlas_event_new          (void);
/* computes span_to from start, end and their precisions */
void        atlas_event_update_span  (AtlasEvent *self);
/* orders by start, then end (absent first), then id; undated events last (by id) */
int         atlas_event_compare      (AtlasEvent *a,
                                      AtlasEvent *b);

G_END_DECLS
