/* atlas-array-model.h — a read-only GListModel over a GPtrArray of objects
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GListStore keeps a GSequence node (about 50 bytes) per item; a dataset's
 * items never change after loading, so its lists index an array instead.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ATLAS_TYPE_ARRAY_MODEL (atlas_array_model_get_type ())
G_DECLARE_FINAL_TYPE (AtlasArrayModel, atlas_array_model, ATLAS, ARRAY_MODEL, GObject)

/* @items: objects of @item_type; the model takes a reference on the array,
 * which must not change afterwards */
AtlasArrayModel *atlas_array_model_new (GType      item_type,
                                        GPtrArray *items);

G_END_DECLS
