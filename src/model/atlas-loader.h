/* atlas-loader.h — reads and validates an event-atlas file into an AtlasDataset
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A file loads whole or not at all.  Errors are in ATLAS_DATASET_ERROR; see
 * atlas-dataset.h for their wording.
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "atlas-types.h"

G_BEGIN_DECLS

/* min (2 GiB, half of the available physical memory) */
gsize          atlas_loader_get_size_limit (void);

AtlasDataset  *atlas_loader_load_file      (GFile         *file,
                                            GCancellable  *cancellable,
                                            GError       **error);

/* Called in the loading thread with the fraction of the file read (0 to 1), at
 * most once per percent. */
typedef void (*AtlasLoadProgress) (double   fraction,
                                   gpointer user_data);
/* atlas_loader_load_file, reporting progress while the events are read */
AtlasDataset  *atlas_loader_load_file_with_progress (GFile              *file,
                                                     AtlasLoadProgress   progress,
                                                     gpointer            user_data,
                                                     GCancellable       *cancellable,
                                                     GError            **error);
/* @data need not be NUL-terminated; @file (may be NULL) is what
 * atlas_dataset_get_file() will return */
AtlasDataset  *atlas_loader_load_data      (const char    *data,
                                            gsize          length,
                                            const char    *display_name,
                                            GFile         *file,
                                            GCancellable  *cancellable,
                                            GError       **error);
/* Validates and builds an already parsed event-atlas document (also what the
 * importers produce): the checks of "format" and "version", then every member.
 * @root is not modified. */
AtlasDataset  *atlas_loader_load_document  (JsonNode      *root,
                                            const char    *display_name,
                                            GFile         *file,
                                            GCancellable  *cancellable,
                                            GError       **error);

/* The offsets of the '[' and the ']' of the top-level "events" array of an
 * event-atlas document that names its members plainly (the streaming loader's
 * test); FALSE when there is no such array */
gboolean       atlas_loader_find_events_array (const char *data,
                                               gsize       length,
                                               gsize      *open,
                                               gsize      *close);

/* Fills @events (file order, one complete event each) from whatever the caller
 * keeps them in, resolving references by index into the other three arrays. */
typedef gboolean (*AtlasLoaderEventsFunc) (gpointer    user_data,
                                           GPtrArray  *sources,
                                           GPtrArray  *actors,
                                           GPtrArray  *locations,
                                           GPtrArray  *events,
                                           GError    **error);
/* atlas_loader_load_data for a document whose events come from @events_func
 * instead of its own "events" array (which should be empty): the reopen cache */
AtlasDataset  *atlas_loader_load_data_with_events (const char             *data,
                                                   gsize                   length,
                                                   const char             *display_name,
                                                   GFile                  *file,
                                                   AtlasLoaderEventsFunc   events_func,
                                                   gpointer                user_data,
                                                   GCancellable           *cancellable,
                                                   GError                **error);

/* The next event of a document whose events are made one at a time by an importer:
 * a JSON object node (transfer full), NULL after the last; *@fraction says how far
 * through its input it is (0 to 1) */
typedef JsonNode *(*AtlasLoaderNextEventFunc) (gpointer  user_data,
                                               double   *fraction);
/* atlas_loader_load_document for a document whose "events" array is empty and whose
 * events come from @next_event, each read and dropped at once (a big CSV export
 * never exists as one JSON tree); the same checks and messages */
AtlasDataset  *atlas_loader_load_document_streamed (JsonNode                  *document,
                                                    AtlasLoaderNextEventFunc   next_event,
                                                    gpointer                   user_data,
                                                    const char                *display_name,
                                                    GFile                     *file,
                                                    GCancellable              *cancellable,
                                                    GError                   **error);

G_END_DECLS
