/* atlas-array-model.c — a read-only GListModel over a GPtrArray of objects
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "atlas-model"

#include "config.h"

#include "atlas-array-model.h"

struct _AtlasArrayModel
{
  GObject    parent_instance;

  GPtrArray *items;   /* a reference */
  GType      item_type;
};

static void atlas_array_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AtlasArrayModel, atlas_array_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      atlas_array_model_list_model_init))

static GType
atlas_array_model_get_item_type (GListModel *model)
{
  return ATLAS_ARRAY_MODEL (model)->item_type;
}

static guint
atlas_array_model_get_n_items (GListModel *model)
{
  return ATLAS_ARRAY_MODEL (model)->items->len;
}

static gpointer
atlas_array_model_get_item (GListModel *model,
                            guint       position)
{
  AtlasArrayModel *self = ATLAS_ARRAY_MODEL (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
atlas_array_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = atlas_array_model_get_item_type;
  iface->get_n_items = atlas_array_model_get_n_items;
  iface->get_item = atlas_array_model_get_item;
}

static void
atlas_array_model_finalize (GObject *object)
{
  AtlasArrayModel *self = (AtlasArrayModel *) object;

  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (atlas_array_model_parent_class)->finalize (object);
}

static void
atlas_array_model_class_init (AtlasArrayModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = atlas_array_model_finalize;
}

static void
atlas_array_model_init (AtlasArrayModel *self)
{
}

AtlasArrayModel *
atlas_array_model_new (GType      item_type,
                       GPtrArray *items)
{
  AtlasArrayModel *self;

  g_return_val_if_fail (g_type_is_a (item_type, G_TYPE_OBJECT), NULL);
  g_return_val_if_fail (items != NULL, NULL);

  self = g_object_new (ATLAS_TYPE_ARRAY_MODEL, NULL);
  self->item_type = item_type;
  self->items = g_ptr_array_ref (items);
  return self;
}
