/* atlas-view-state.h — a citable view: dataset, filter, selection, time and map position
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Serialised as a small JSON document (a ".atlasview" file):
 *   { "format": "event-atlas-view", "version": 1, "dataset": URI,
 *     "selection": [ids], "actors": [ids], "match_all": b, "search": s,
 *     "categories": [words], "time_window": [iso|null, iso|null] | null,
 *     "playhead": iso | null, "up_to_playhead": b,
 *     "map": { "lat": d, "lon": d, "zoom": d } }
 * or as an "event-atlas://open?view=<percent-encoded JSON>" link.
 */

#pragma once

#include <gio/gio.h>

#include "atlas-types.h"

G_BEGIN_DECLS

#define ATLAS_VIEW_STATE_FORMAT "event-atlas-view"
#define ATLAS_VIEW_STATE_SCHEME "event-atlas"

typedef struct {
  char      *dataset_uri;     /* may be NULL */
  GStrv      selection;       /* event ids, never NULL */
  GStrv      actors;          /* actor ids, never NULL */
  gboolean   match_all;
  char      *search;          /* never NULL, may be empty */
  GStrv      categories;      /* never NULL */
  gint64     window_from;     /* ATLAS_TIME_NONE: unbounded */
  gint64     window_to;
  gint64     playhead;        /* ATLAS_TIME_NONE: none */
  gboolean   up_to_playhead;
  gboolean   has_map;
  double     latitude;
  double     longitude;
  double     zoom;
} AtlasViewState;

AtlasViewState *atlas_view_state_new        (void);
void            atlas_view_state_free       (AtlasViewState *state);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasViewState, atlas_view_state_free)

/* The filter, selection and playhead of @context (no map position);
 * @dataset_file may be NULL. */
AtlasViewState *atlas_view_state_capture    (AtlasContext   *context,
                                             GFile          *dataset_file);
/* Applies filter, selection and playhead to @context's dataset: ids the
 * dataset does not have are skipped.  The map position is the caller's. */
void            atlas_view_state_apply      (const AtlasViewState *state,
                                             AtlasContext         *context);

char           *atlas_view_state_to_json    (const AtlasViewState *state);
/* G_IO_ERROR_NOT_SUPPORTED when @data is not an event-atlas-view document,
 * G_IO_ERROR_INVALID_DATA (message naming the member) when it is a broken one. */
AtlasViewState *atlas_view_state_from_json  (const char     *data,
                                             gssize          length,
                                             GError        **error);

/* "event-atlas://open?view=…" */
char           *atlas_view_state_to_uri     (const AtlasViewState *state);
AtlasViewState *atlas_view_state_from_uri   (const char     *uri,
                                             GError        **error);

/* ISO 8601 in UTC with microseconds when there are any: "2016-12-05T10:30:00Z" */
char           *atlas_view_state_format_time (gint64 instant);

G_END_DECLS
