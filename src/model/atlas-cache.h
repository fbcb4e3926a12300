/* atlas-cache.h — the reopen cache: a compact binary copy of a big dataset's events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A file of at least ATLAS_CACHE_MIN_SIZE bytes, once loaded, leaves in
 * $XDG_CACHE_HOME/event-atlas/ a file that lets the next load skip json-glib: the
 * document without its events (read again by the loader, so every check and
 * message stays the same) and the events in a binary form.  A cache is used only
 * when it names the same canonical path, size, modification time and content hash
 * as the file, its own checksum matches and every record decodes within bounds;
 * anything else ignores it (and the JSON load that follows writes it anew).
 * ATLAS_NO_CACHE=1 in the environment turns the cache off.
 */

#pragma once

#include <gio/gio.h>
#include <sys/stat.h>

#include "atlas-types.h"

G_BEGIN_DECLS

#define ATLAS_CACHE_MIN_SIZE (5 * 1024 * 1024)

/* TRUE for a file of @size bytes when the cache is not turned off */
gboolean      atlas_cache_wanted   (guint64            size);

/* the cache file for the data file at @path, or NULL when it cannot be named */
char         *atlas_cache_get_path (const char        *path);

/* a fast 64-bit hash (not cryptographic) */
guint64       atlas_cache_hash     (const void        *data,
                                    gsize              length);

/* The dataset from the cache of the file at @path (@st its stat, @data its
 * @length bytes), or NULL when there is no valid cache for it. */
AtlasDataset *atlas_cache_load     (GFile             *file,
                                    const char        *path,
                                    const struct stat *st,
                                    const char        *data,
                                    gsize              length,
                                    const char        *display_name,
                                    GCancellable      *cancellable);

/* Writes the cache of @dataset, loaded from the file at @path; FALSE when it
 * could not be written (the file's document must name its "events" plainly). */
gboolean      atlas_cache_store    (AtlasDataset      *dataset,
                                    const char        *path,
                                    const struct stat *st,
                                    const char        *data,
                                    gsize              length);

G_END_DECLS
