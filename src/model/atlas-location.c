/* atlas-location.c — a place: a point with a precision, optionally an area
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "atlas-model"

#include "config.h"

#include "atlas-language.h"
#include "atlas-location-private.h"

G_DEFINE_FINAL_TYPE (AtlasLocation, atlas_location, G_TYPE_OBJECT)

static void
atlas_location_dispose (GObject *object)
{
  AtlasLocation *self = (AtlasLocation *) object;

  g_clear_object (&self->parent);

  G_OBJECT_CLASS (atlas_location_parent_class)->dispose (object);
}

static void
atlas_location_finalize (GObject *object)
{
  AtlasLocation *self = (AtlasLocation *) object;

  g_free (self->id);
  g_free (self->name);
  g_free (self->area);
  g_clear_pointer (&self->names, g_hash_table_unref);

  G_OBJECT_CLASS (atlas_location_parent_class)->finalize (object);
}

static void
atlas_location_class_init (AtlasLocationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = atlas_location_dispose;
  object_class->finalize = atlas_location_finalize;
}

static void
atlas_location_init (AtlasLocation *self)
{
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->kind = ATLAS_LOCATION_KIND_OTHER;
}

AtlasLocation *
atlas_location_new (void)
{
  return g_object_new (ATLAS_TYPE_LOCATION, NULL);
}

const char *
atlas_location_get_id (AtlasLocation *self)
{
  g_return_val_if_fail (ATLAS_IS_LOCATION (self), NULL);
  return self->id;
}

const char *
atlas_location_get_name (AtlasLocation *self)
{
  g_return_val_if_fail (ATLAS_IS_LOCATION (self), NULL);
  return self->name;
}

const char *
atlas_location_get_name_for (AtlasLocation *self,
                             const char    *language)
{
  const char *name;

  g_return_val_if_fail (ATLAS_IS_LOCATION (self), NULL);

  if (language != NULL && (name = g_hash_table_lookup (self->names, language)) != NULL)
    return name;
  return self->name;
}

/* the name in the language of the user interface (see atlas_ui_language()) */
const char *
atlas_location_get_display_name (AtlasLocation *self)
{
  g_return_val_if_fail (ATLAS_IS_LOCATION (self), NULL);

  return atlas_location_get_name_for (self, atlas_ui_language ());
}

GHashTable *
atlas_location_get_names (AtlasLocation *self)
{
  g_return_val_if_fail (ATLAS_IS_LOCATION (self), NULL);
  return self->names;
}

AtlasLocationKind
atlas_location_get_kind (AtlasLocation *self)
{
  g_return_val_if_fail (ATLAS_IS_LOCATION (self), ATLAS_LOCATION_KIND_OTHER);
  return self->kind;
}

double
atlas_location_get_latitude (AtlasLocation *self)
{
  g_return_val_if_fail (ATLAS_IS_LOCATION (self), 0.0);
  return self->latitude;
}

double
atlas_location_get_longitude (AtlasLocation *self)
{
  g_return_val_if_fail (ATLAS_IS_LOCATION (self), 0.0);
  return self->longitude;
}

double
atlas_location_get_precision_m (AtlasLocation *self)
{
  g_return_val_if_fail (ATLAS_IS_LOCATION (self), 0.0);
  return self->precision_m;
}

AtlasLocation *
atlas_location_get_parent (AtlasLocation *self)
{
  g_return_val_if_fail (ATLAS_IS_LOCATION (self), NULL);
  return self->parent;
}

const double *
atlas_location_get_area (AtlasLocation *self,
                         guint         *n_points)
{
  g_return_val_if_fail (ATLAS_IS_LOCATION (self), NULL);

  if (n_points != NULL)
    *n_points = self->area != NULL ? self->n_area_points : 0;
  return self->area;
}

guint
atlas_location_get_index (AtlasLocation *self)
{
  g_return_val_if_fail (ATLAS_IS_LOCATION (self), 0);
  return self->index;
}

guint
atlas_location_get_n_events (AtlasLocation *self)
{
  g_return_val_if_fail (ATLAS_IS_LOCATION (self), 0);
  return self->n_events;
}
