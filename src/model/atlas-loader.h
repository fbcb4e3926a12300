/* atlas-loader.h — reads and validates an event-atlas file into an AtlasDataset
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A file loads whole or not at all.  Errors are in ATLAS_DATASET_ERROR; see
 * atlas-dataset.h for their wording.
 */

#pragma once

#include <gio/gio.h>

#include "atlas-types.h"

G_BEGIN_DECLS

/* min (2 GiB, half of the available physical memory) */
gsize          atlas_loader_get_size_limit (void);

AtlasDataset  *atlas_loader_load_file      (GFile         *file,
                                            GCancellable  *cancellable,
                                            GError       **error);
/* @data need not be NUL-terminated; @file (may be NULL) is what
 * atlas_dataset_get_file() will return */
AtlasDataset  *atlas_loader_load_data      (const char    *data,
                                            gsize          length,
                                            const char    *display_name,
                                            GFile         *file,
                                            GCancellable  *cancellable,
                                            GError       **error);

G_END_DECLS
