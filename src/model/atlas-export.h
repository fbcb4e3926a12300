/* atlas-export.h — a dataset written back as an event-atlas version 1 document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "atlas-types.h"

G_BEGIN_DECLS

/* Every field the model holds, in the native format: loading the result gives
 * the same model (imported datasets included).  Free with json_node_unref(). */
JsonNode *atlas_dataset_to_json (AtlasDataset  *dataset);
/* atlas_dataset_to_json() written to @file (UTF-8, indented), replacing it */
gboolean  atlas_dataset_save    (AtlasDataset  *dataset,
                                 GFile         *file,
                                 GError       **error);

G_END_DECLS
