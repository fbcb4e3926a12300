/* atlas-basemap-data.c — the offline basemap's bundled data, in memory and on disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "atlas-basemap-data"

#include "config.h"

#include <string.h>

#include "atlas-basemap-data.h"

#define MAGIC "EABM"

typedef struct
{
  const guint8 *data;
  gsize         len;
  gsize         pos;
  gboolean      failed;
} Reader;

G_DEFINE_QUARK (atlas-basemap-data-error-quark, atlas_basemap_data_error)

gint32
atlas_basemap_round_to_shift (gint32 v,
                              guint  shift)
{
  if (shift == 0)
    return v;
  /* multiply rather than shift left: shifting a negative value is undefined */
  return (gint32) ((((gint64) v + (1 << (shift - 1))) >> shift) * ((gint64) 1 << shift));
}

static void
put_uvarint (GByteArray *out,
             guint64     v)
{
  do
    {
      guint8 b = v & 0x7f;

      v >>= 7;
      if (v != 0)
        b |= 0x80;
      g_byte_array_append (out, &b, 1);
    }
  while (v != 0);
}

static void
put_svarint (GByteArray *out,
             gint64      v)
{
  put_uvarint (out, ((guint64) v << 1) ^ (guint64) (v >> 63));
}

static void
put_string (GByteArray *out,
            const char *s)
{
  gsize len = s != NULL ? strlen (s) : 0;

  put_uvarint (out, len);
  if (len > 0)
    g_byte_array_append (out, (const guint8 *) s, len);
}

static guint64
get_uvarint (Reader *r)
{
  guint64 v = 0;
  guint shift = 0;

  while (!r->failed)
    {
      guint8 b;

      if (r->pos >= r->len || shift > 63)
        {
          r->failed = TRUE;
          break;
        }
      b = r->data[r->pos++];
      v |= (guint64) (b & 0x7f) << shift;
      if ((b & 0x80) == 0)
        return v;
      shift += 7;
    }

  return 0;
}

static gint64
get_svarint (Reader *r)
{
  guint64 u = get_uvarint (r);

  return (gint64) (u >> 1) ^ -(gint64) (u & 1);
}

static guint
get_small (Reader *r,
           guint   max)
{
  guint64 v = get_uvarint (r);

  if (v > max)
    r->failed = TRUE;
  return r->failed ? 0 : (guint) v;
}

static gint32
get_coord (Reader *r)
{
  gint64 v = get_svarint (r);

  if (v < G_MININT32 / 2 || v > G_MAXINT32 / 2)
    r->failed = TRUE;
  return r->failed ? 0 : (gint32) v;
}

static char *
get_string (Reader *r)
{
  guint64 len = get_uvarint (r);
  char *s;

  if (r->failed || len > r->len - r->pos)
    {
      r->failed = TRUE;
      return NULL;
    }
  if (len == 0)
    return NULL;
  if (!g_utf8_validate ((const char *) r->data + r->pos, len, NULL))
    {
      r->failed = TRUE;
      return NULL;
    }
  s = g_strndup ((const char *) r->data + r->pos, len);
  r->pos += len;
  return s;
}

static gboolean
read_layer (Reader             *r,
            AtlasBasemapLayer **out)
{
  g_autoptr(AtlasBasemapLayer) layer = NULL;
  guint kind, min_zoom, max_zoom, shift;
  guint64 n_shapes;

  kind = get_small (r, ATLAS_BASEMAP_LAYER_CITY);
  min_zoom = get_small (r, 30);
  max_zoom = get_small (r, 30);
  shift = get_small (r, 24);
  if (r->failed)
    return FALSE;

  layer = atlas_basemap_layer_new (kind, min_zoom, max_zoom, shift);
  layer->coverage.x0 = get_coord (r);
  layer->coverage.y0 = get_coord (r);
  layer->coverage.x1 = get_coord (r);
  layer->coverage.y1 = get_coord (r);

  n_shapes = get_uvarint (r);
  if (r->failed || n_shapes > r->len - r->pos)
    return FALSE;

  for (guint64 i = 0; i < n_shapes && !r->failed; i++)
    {
      AtlasBasemapShape shape = { 0, };
      gint64 x, y;
      guint64 w, h, n;

      shape.kind = get_small (r, ATLAS_BASEMAP_N_SHAPE_KINDS - 1);
      shape.ref = get_small (r, G_MAXUINT16);
      x = get_coord (r);
      y = get_coord (r);
      w = get_uvarint (r);
      h = get_uvarint (r);
      n = get_uvarint (r);
      if (r->failed || n > (r->len - r->pos) / 2 || w > G_MAXINT32 / 2 || h > G_MAXINT32 / 2)
        return FALSE;

      shape.bbox.x0 = (gint32) (x * ((gint64) 1 << shift));
      shape.bbox.y0 = (gint32) (y * ((gint64) 1 << shift));
      shape.bbox.x1 = (gint32) ((x + (gint64) w) * ((gint64) 1 << shift));
      shape.bbox.y1 = (gint32) ((y + (gint64) h) * ((gint64) 1 << shift));
      shape.n_points = (guint32) n;
      shape.offset = layer->coords->len;
      g_array_set_size (layer->coords, layer->coords->len + 2 * n);

      for (guint64 k = 0; k < n; k++)
        {
          gint32 *p;

          x += get_svarint (r);
          y += get_svarint (r);
          if (r->failed)
            return FALSE;
          if (x < shape.bbox.x0 >> shift || x > shape.bbox.x1 >> shift ||
              y < shape.bbox.y0 >> shift || y > shape.bbox.y1 >> shift)
            {
              r->failed = TRUE;
              return FALSE;
            }
          p = &g_array_index (layer->coords, gint32, shape.offset + 2 * k);
          p[0] = (gint32) (x * ((gint64) 1 << shift));
          p[1] = (gint32) (y * ((gint64) 1 << shift));
        }
      g_array_append_val (layer->shapes, shape);
    }

  if (r->failed)
    return FALSE;

  *out = g_steal_pointer (&layer);
  return TRUE;
}

void
atlas_basemap_country_free (AtlasBasemapCountry *country)
{
  if (country == NULL)
    return;
  g_free (country->name_en);
  g_free (country->name_ar);
  g_free (country);
}

void
atlas_basemap_place_free (AtlasBasemapPlace *place)
{
  if (place == NULL)
    return;
  g_free (place->name_en);
  g_free (place->name_ar);
  g_free (place);
}

AtlasBasemapData *
atlas_basemap_data_new (void)
{
  AtlasBasemapData *self = g_new0 (AtlasBasemapData, 1);

  self->countries = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_basemap_country_free);
  self->places = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_basemap_place_free);
  self->layers = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_basemap_layer_free);
  g_mutex_init (&self->cache_lock);

  return self;
}

void
atlas_basemap_data_free (AtlasBasemapData *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->countries, g_ptr_array_unref);
  g_clear_pointer (&self->places, g_ptr_array_unref);
  g_clear_pointer (&self->layers, g_ptr_array_unref);
  if (self->cache != NULL && self->cache_destroy != NULL)
    self->cache_destroy (self->cache);
  g_mutex_clear (&self->cache_lock);
  g_free (self);
}

AtlasBasemapLayer *
atlas_basemap_layer_new (AtlasBasemapLayerKind kind,
                         guint                 min_zoom,
                         guint                 max_zoom,
                         guint                 shift)
{
  AtlasBasemapLayer *layer = g_new0 (AtlasBasemapLayer, 1);

  g_return_val_if_fail (shift < 24, layer);

  layer->kind = kind;
  layer->min_zoom = min_zoom;
  layer->max_zoom = max_zoom;
  layer->shift = shift;
  layer->shapes = g_array_new (FALSE, FALSE, sizeof (AtlasBasemapShape));
  layer->coords = g_array_new (FALSE, FALSE, sizeof (gint32));

  return layer;
}

void
atlas_basemap_layer_free (AtlasBasemapLayer *layer)
{
  if (layer == NULL)
    return;
  g_clear_pointer (&layer->shapes, g_array_unref);
  g_clear_pointer (&layer->coords, g_array_unref);
  g_free (layer);
}

AtlasBasemapShape *
atlas_basemap_layer_add_shape (AtlasBasemapLayer     *layer,
                               AtlasBasemapShapeKind  kind,
                               guint                  ref,
                               const gint32          *points,
                               gsize                  n_points)
{
  AtlasBasemapShape shape = { 0, };

  g_return_val_if_fail (layer != NULL, NULL);
  g_return_val_if_fail (points != NULL || n_points == 0, NULL);
  g_return_val_if_fail (ref <= G_MAXUINT16, NULL);

  shape.kind = kind;
  shape.ref = ref;
  shape.offset = layer->coords->len;
  shape.bbox.x0 = shape.bbox.y0 = G_MAXINT32;
  shape.bbox.x1 = shape.bbox.y1 = G_MININT32;

  /* Round to the layer's precision and drop the repeats that rounding makes. */
  for (gsize i = 0; i < n_points; i++)
    {
      gint32 p[2] = { atlas_basemap_round_to_shift (points[2 * i], layer->shift),
                      atlas_basemap_round_to_shift (points[2 * i + 1], layer->shift) };

      if (shape.n_points > 0)
        {
          const gint32 *last = &g_array_index (layer->coords, gint32, layer->coords->len - 2);

          if (last[0] == p[0] && last[1] == p[1])
            continue;
        }
      g_array_append_vals (layer->coords, p, 2);
      shape.n_points++;
      shape.bbox.x0 = MIN (shape.bbox.x0, p[0]);
      shape.bbox.y0 = MIN (shape.bbox.y0, p[1]);
      shape.bbox.x1 = MAX (shape.bbox.x1, p[0]);
      shape.bbox.y1 = MAX (shape.bbox.y1, p[1]);
    }

  if (shape.n_points == 0)
    {
      shape.bbox.x0 = shape.bbox.y0 = shape.bbox.x1 = shape.bbox.y1 = 0;
    }

  g_array_append_val (layer->shapes, shape);
  return &g_array_index (layer->shapes, AtlasBasemapShape, layer->shapes->len - 1);
}

GBytes *
atlas_basemap_data_serialize (AtlasBasemapData *self)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  guint8 version = ATLAS_BASEMAP_DATA_VERSION;

  g_return_val_if_fail (self != NULL, NULL);

  g_byte_array_append (out, (const guint8 *) MAGIC, 4);
  g_byte_array_append (out, &version, 1);

  put_uvarint (out, self->countries->len);
  for (guint i = 0; i < self->countries->len; i++)
    {
      const AtlasBasemapCountry *c = g_ptr_array_index (self->countries, i);

      put_string (out, c->code);
      put_string (out, c->name_en);
      put_string (out, c->name_ar);
      put_svarint (out, c->label_x);
      put_svarint (out, c->label_y);
      put_uvarint (out, c->min_zoom);
    }

  put_uvarint (out, self->places->len);
  for (guint i = 0; i < self->places->len; i++)
    {
      const AtlasBasemapPlace *p = g_ptr_array_index (self->places, i);

      put_uvarint (out, p->kind);
      put_uvarint (out, p->rank);
      put_uvarint (out, p->min_zoom);
      put_string (out, p->name_en);
      put_string (out, p->name_ar);
      put_svarint (out, p->x);
      put_svarint (out, p->y);
    }

  put_uvarint (out, self->layers->len);
  for (guint i = 0; i < self->layers->len; i++)
    {
      const AtlasBasemapLayer *layer = g_ptr_array_index (self->layers, i);
      guint s = layer->shift;

      put_uvarint (out, layer->kind);
      put_uvarint (out, layer->min_zoom);
      put_uvarint (out, layer->max_zoom);
      put_uvarint (out, s);
      put_svarint (out, layer->coverage.x0);
      put_svarint (out, layer->coverage.y0);
      put_svarint (out, layer->coverage.x1);
      put_svarint (out, layer->coverage.y1);
      put_uvarint (out, layer->shapes->len);

      for (guint k = 0; k < layer->shapes->len; k++)
        {
          const AtlasBasemapShape *shape = &g_array_index (layer->shapes, AtlasBasemapShape, k);
          const gint32 *pts = atlas_basemap_layer_shape_points (layer, shape);
          gint64 px = shape->bbox.x0 >> s;
          gint64 py = shape->bbox.y0 >> s;

          put_uvarint (out, shape->kind);
          put_uvarint (out, shape->ref);
          put_svarint (out, px);
          put_svarint (out, py);
          put_uvarint (out, (guint64) ((shape->bbox.x1 >> s) - px));
          put_uvarint (out, (guint64) ((shape->bbox.y1 >> s) - py));
          put_uvarint (out, shape->n_points);
          for (guint32 j = 0; j < shape->n_points; j++)
            {
              gint64 x = pts[2 * j] >> s;
              gint64 y = pts[2 * j + 1] >> s;

              put_svarint (out, x - px);
              put_svarint (out, y - py);
              px = x;
              py = y;
            }
        }
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

AtlasBasemapData *
atlas_basemap_data_new_from_bytes (GBytes  *bytes,
                                   GError **error)
{
  g_autoptr(AtlasBasemapData) self = NULL;
  Reader r = { 0, };
  guint64 n;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  r.data = g_bytes_get_data (bytes, &r.len);
  if (r.len < 5 || memcmp (r.data, MAGIC, 4) != 0)
    {
      g_set_error (error, ATLAS_BASEMAP_DATA_ERROR, ATLAS_BASEMAP_DATA_ERROR_INVALID,
                   "Not an Event Atlas basemap file (bad magic)");
      return NULL;
    }
  if (r.data[4] != ATLAS_BASEMAP_DATA_VERSION)
    {
      g_set_error (error, ATLAS_BASEMAP_DATA_ERROR, ATLAS_BASEMAP_DATA_ERROR_VERSION,
                   "Basemap file version %u is not supported (expected %u)",
                   r.data[4], ATLAS_BASEMAP_DATA_VERSION);
      return NULL;
    }
  r.pos = 5;

  self = atlas_basemap_data_new ();

  n = get_uvarint (&r);
  for (guint64 i = 0; i < n && !r.failed && r.pos < r.len; i++)
    {
      AtlasBasemapCountry *c = g_new0 (AtlasBasemapCountry, 1);
      g_autofree char *code = get_string (&r);

      g_ptr_array_add (self->countries, c);
      if (code == NULL || strlen (code) >= sizeof c->code)
        r.failed = TRUE;
      else
        g_strlcpy (c->code, code, sizeof c->code);
      c->name_en = get_string (&r);
      c->name_ar = get_string (&r);
      c->label_x = get_coord (&r);
      c->label_y = get_coord (&r);
      c->min_zoom = get_small (&r, 30);
    }
  if (self->countries->len != n)
    r.failed = TRUE;

  n = get_uvarint (&r);
  for (guint64 i = 0; i < n && !r.failed && r.pos < r.len; i++)
    {
      AtlasBasemapPlace *p = g_new0 (AtlasBasemapPlace, 1);

      g_ptr_array_add (self->places, p);
      p->kind = get_small (&r, ATLAS_BASEMAP_N_PLACE_KINDS - 1);
      p->rank = get_small (&r, G_MAXUINT8);
      p->min_zoom = get_small (&r, 30);
      p->name_en = get_string (&r);
      p->name_ar = get_string (&r);
      p->x = get_coord (&r);
      p->y = get_coord (&r);
      if (p->name_en == NULL)
        r.failed = TRUE;
    }
  if (self->places->len != n)
    r.failed = TRUE;

  n = get_uvarint (&r);
  for (guint64 i = 0; i < n && !r.failed; i++)
    {
      AtlasBasemapLayer *layer = NULL;

      if (!read_layer (&r, &layer))
        r.failed = TRUE;
      else
        g_ptr_array_add (self->layers, layer);
    }

  if (r.failed || r.pos != r.len)
    {
      g_set_error (error, ATLAS_BASEMAP_DATA_ERROR, ATLAS_BASEMAP_DATA_ERROR_INVALID,
                   "Basemap file is truncated or corrupt near byte %" G_GSIZE_FORMAT, r.pos);
      return NULL;
    }

  return g_steal_pointer (&self);
}

const AtlasBasemapLayer *
atlas_basemap_data_land_layer_for (const AtlasBasemapData *self,
                                   guint                   zoom,
                                   const AtlasBasemapBox  *tile)
{
  const AtlasBasemapLayer *best = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (tile != NULL, NULL);

  /* Layers are stored coarse to fine: keep the finest whose band starts at or
   * below @zoom and whose coverage holds the whole tile. */
  for (guint i = 0; i < self->layers->len; i++)
    {
      const AtlasBasemapLayer *layer = g_ptr_array_index (self->layers, i);

      if (layer->kind != ATLAS_BASEMAP_LAYER_LAND)
        continue;
      if (layer->min_zoom > zoom && best != NULL)
        continue;
      if (tile->x0 < layer->coverage.x0 || tile->x1 > layer->coverage.x1 ||
          tile->y0 < layer->coverage.y0 || tile->y1 > layer->coverage.y1)
        continue;
      if (best == NULL || layer->min_zoom <= zoom)
        best = layer;
    }

  return best;
}

const AtlasBasemapLayer *
atlas_basemap_data_city_layer (const AtlasBasemapData *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->layers->len; i++)
    {
      const AtlasBasemapLayer *layer = g_ptr_array_index (self->layers, i);

      if (layer->kind == ATLAS_BASEMAP_LAYER_CITY)
        return layer;
    }

  return NULL;
}
