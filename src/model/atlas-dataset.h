/* atlas-dataset.h — an immutable, indexed set of events, actors, places, sources
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "atlas-types.h"

G_BEGIN_DECLS

#define ATLAS_DATASET_ERROR (atlas_dataset_error_quark ())

typedef enum {
  ATLAS_DATASET_ERROR_IO,          /* cannot read the file */
  ATLAS_DATASET_ERROR_TOO_LARGE,   /* larger than the limit or than memory allows */
  ATLAS_DATASET_ERROR_EMPTY,       /* no bytes, or only white space */
  ATLAS_DATASET_ERROR_ENCODING,    /* not UTF-8, NUL bytes */
  ATLAS_DATASET_ERROR_SYNTAX,      /* not JSON: message has line:column */
  ATLAS_DATASET_ERROR_TOO_DEEP,    /* nesting beyond ATLAS_DATASET_MAX_DEPTH */
  ATLAS_DATASET_ERROR_FORMAT,      /* JSON, but not an event-atlas document */
  ATLAS_DATASET_ERROR_VERSION,     /* a version this program does not know */
  ATLAS_DATASET_ERROR_INVALID,     /* content errors: message lists every problem with its JSON path */
} AtlasDatasetError;

#define ATLAS_DATASET_MAX_DEPTH 64

/* Errors: the GError message is one problem per line, each line complete and
 * prefixed with where it is:
 *   "FILE:LINE:COLUMN: message"            for syntax and encoding,
 *   "FILE: events[3].places[0].location: message" for content.
 * FILE is the display name (the path as given, or a basename for resources). */

#define ATLAS_TYPE_DATASET (atlas_dataset_get_type ())
G_DECLARE_FINAL_TYPE (AtlasDataset, atlas_dataset, ATLAS, DATASET, GObject)

GQuark         atlas_dataset_error_quark     (void);

AtlasDataset  *atlas_dataset_new_from_file   (GFile               *file,
                                              GCancellable        *cancellable,
                                              GError             **error);
/* @display_name names the data in error messages */
AtlasDataset  *atlas_dataset_new_from_bytes  (GBytes              *bytes,
                                              const char          *display_name,
                                              GError             **error);
void           atlas_dataset_load_async      (GFile               *file,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
AtlasDataset  *atlas_dataset_load_finish     (GAsyncResult        *result,
                                              GError             **error);

/* Called in the thread-default main context of the caller of
 * atlas_dataset_load_with_progress_async, with the fraction of the file read so far
 * (0 to 1, at most once per percent; big event-atlas files only). */
typedef void (*AtlasDatasetProgress) (double   fraction,
                                      gpointer user_data);
/* atlas_dataset_load_async with progress; @progress_notify frees @progress_data once
 * no more calls can come.  Finish with atlas_dataset_load_finish. */
void           atlas_dataset_load_with_progress_async (GFile                *file,
                                                       AtlasDatasetProgress  progress,
                                                       gpointer              progress_data,
                                                       GDestroyNotify        progress_notify,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);

/* The file it was loaded from, or NULL */
GFile         *atlas_dataset_get_file        (AtlasDataset *self);
const char    *atlas_dataset_get_title       (AtlasDataset *self);
const char    *atlas_dataset_get_description (AtlasDataset *self);
const char    *atlas_dataset_get_language    (AtlasDataset *self);

/* GListModels of AtlasEvent (sorted by start, then end, then id; undated events
 * last), AtlasActor,
 * AtlasLocation, AtlasSource (file order).  Owned by the dataset. */
GListModel    *atlas_dataset_get_events      (AtlasDataset *self);
GListModel    *atlas_dataset_get_actors      (AtlasDataset *self);
GListModel    *atlas_dataset_get_locations   (AtlasDataset *self);
GListModel    *atlas_dataset_get_sources     (AtlasDataset *self);

guint          atlas_dataset_get_n_events    (AtlasDataset *self);
/* borrowed, without a reference; index as in the list models */
AtlasEvent    *atlas_dataset_get_event       (AtlasDataset *self, guint index);
AtlasActor    *atlas_dataset_get_actor       (AtlasDataset *self, guint index);
AtlasLocation *atlas_dataset_get_location    (AtlasDataset *self, guint index);

AtlasEvent    *atlas_dataset_lookup_event    (AtlasDataset *self, const char *id);
AtlasActor    *atlas_dataset_lookup_actor    (AtlasDataset *self, const char *id);
AtlasLocation *atlas_dataset_lookup_location (AtlasDataset *self, const char *id);
AtlasSource   *atlas_dataset_lookup_source   (AtlasDataset *self, const char *id);

/* the union of every dated event's span; FALSE when there are none */
gboolean       atlas_dataset_get_time_range  (AtlasDataset *self,
                                              gint64       *from,
                                              gint64       *to);
/* bounding box of every location (points and areas); FALSE when none */
gboolean       atlas_dataset_get_bounds      (AtlasDataset *self,
                                              double       *min_lat,
                                              double       *min_lon,
                                              double       *max_lat,
                                              double       *max_lon);

/* events that involve @actor / name @location, in time order (borrowed array of
 * event indexes, sorted ascending) */
const guint   *atlas_dataset_get_actor_events    (AtlasDataset  *self,
                                                  AtlasActor    *actor,
                                                  guint         *n_events);
const guint   *atlas_dataset_get_location_events (AtlasDataset  *self,
                                                  AtlasLocation *location,
                                                  guint         *n_events);

G_END_DECLS
