/* atlas-basemap-source.c — the offline basemap as a libshumate map source
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "atlas-basemap-source"

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-basemap-render.h"
#include "atlas-basemap-source.h"
#include "atlas-geo.h"

/* Translators: the map's credit line, shown in a corner of the map */
#define OFFLINE_LICENSE \
  N_("Basemap: Digital Chart of the World (GMT DCW, LGPL-3+); Aleppo detail: Event Atlas (approximate)")
#define OFFLINE_LICENSE_URI "https://www.generic-mapping-tools.org/remote-datasets/dcw.html"

struct _AtlasBasemapSource
{
  ShumateMapSource  parent_instance;

  /* owned */
  ShumateMapSource *upstream;
  GHashTable       *drawn;   /* packed zoom/x/y of delivered tiles, see remember_drawn() */
  GHashTable       *prefetched;   /* packed zoom/x/y → Prefetched, see prefetch */

  guint             scale_factor;
  guint             n_pending;
  guint             n_filled;
  guint             dark : 1;
};

G_DEFINE_FINAL_TYPE (AtlasBasemapSource, atlas_basemap_source, SHUMATE_TYPE_MAP_SOURCE)

enum {
  PROP_0,
  PROP_DARK,
  PROP_SCALE_FACTOR,
  PROP_UPSTREAM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  ShumateTile *tile;
  guchar      *pixels;   /* ARGB32, allocated on the main thread, drawn on a worker */
  int          stride;
  guint        zoom;
  guint        x;
  guint        y;
  guint        scale;
  gboolean     dark;
} TileJob;

static void
tile_job_free (TileJob *job)
{
  g_clear_object (&job->tile);
  g_free (job->pixels);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TileJob, tile_job_free)

/* A tile drawn before libshumate asked for it (atlas_basemap_source_prefetch) */
typedef struct
{
  GdkTexture *texture;   /* NULL while it is being drawn */
  GPtrArray  *waiting;   /* GTasks of fill requests that came while it was drawn */
  guint       scale;
  gboolean    dark;
} Prefetched;

/* the waiting requests were handed on before (see forget_prefetched) */
static void
prefetched_free (Prefetched *prefetched)
{
  g_clear_object (&prefetched->texture);
  g_ptr_array_unref (prefetched->waiting);
  g_free (prefetched);
}

/* Runs on a worker thread: draws into the job's pixels, allocates nothing that outlives
 * the call.  What a tile keeps (its pixels, the GBytes and the texture) is allocated on
 * the main thread, in the main malloc arena: the tiles libshumate drops and asks for
 * again all the time (its memory cache holds 100, fewer than the few zoom levels a
 * reader moves between) then reuse the same free space.  Made on the workers, they
 * were spread over up to 8 × cores arenas of threads that come and go, and the free
 * space left between them grew the resident set for as long as the map was used. */
static gboolean
draw_tile (const TileJob *job)
{
  const AtlasBasemapData *data = atlas_basemap_render_get_default_data ();
  int size = ATLAS_GEO_TILE_SIZE * job->scale;
  cairo_surface_t *surface;
  cairo_t *cr;

  if (data == NULL)
    return FALSE;

  surface = cairo_image_surface_create_for_data (job->pixels, CAIRO_FORMAT_ARGB32,
                                                 size, size, job->stride);
  cr = cairo_create (surface);
  cairo_scale (cr, job->scale, job->scale);
  atlas_basemap_render_tile (data, cr, job->zoom, job->x, job->y, job->dark);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  cairo_surface_destroy (surface);

  return TRUE;
}

/* On the main thread: the drawn pixels become the texture, which owns them. */
static GdkTexture *
take_texture (TileJob *job)
{
  int size = ATLAS_GEO_TILE_SIZE * job->scale;
  g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&job->pixels),
                                              (gsize) job->stride * size);

  /* Cairo's ARGB32 is premultiplied BGRA in memory order on little-endian machines,
   * which is GDK_MEMORY_DEFAULT. */
  return gdk_memory_texture_new (size, size, GDK_MEMORY_DEFAULT, bytes, job->stride);
}

static void
render_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  const TileJob *job = task_data;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (!draw_tile (job))
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                             _("The offline basemap data is not available"));
  else
    g_task_return_boolean (task, TRUE);
}

static guint64
tile_key (guint zoom,
          guint x,
          guint y)
{
  return (guint64) zoom << 56 | (guint64) x << 28 | y;
}

/* A few thousand keys at most: enough for what is on screen, and a long session does
 * not grow the set for every tile it ever showed. */
#define MAX_DRAWN 4096

static void
remember_drawn (AtlasBasemapSource *self,
                ShumateTile        *tile)
{
  guint64 key = tile_key (shumate_tile_get_zoom_level (tile), shumate_tile_get_x (tile),
                          shumate_tile_get_y (tile));

  if (g_hash_table_size (self->drawn) >= MAX_DRAWN)
    g_hash_table_remove_all (self->drawn);
  g_hash_table_add (self->drawn, g_memdup2 (&key, sizeof key));
}

/* Hands @texture to the tile of @task, the fill request libshumate made */
static void
deliver (GTask      *task,
         GdkTexture *texture)
{
  TileJob *job = g_task_get_task_data (task);

  shumate_tile_set_paintable (job->tile, GDK_PAINTABLE (texture));
  shumate_tile_set_fade_in (job->tile, FALSE);
  shumate_tile_set_state (job->tile, SHUMATE_STATE_DONE);
  remember_drawn (g_task_get_source_object (task), job->tile);
  g_task_return_boolean (task, TRUE);
}

static void
render_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;   /* the task returned to libshumate */
  TileJob *job = g_task_get_task_data (task);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      shumate_tile_set_state (job->tile, SHUMATE_STATE_DONE);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  texture = take_texture (g_task_get_task_data (G_TASK (result)));
  deliver (task, texture);
}

static void
start_render (AtlasBasemapSource *self,
              GTask              *task)
{
  g_autoptr(GTask) render = g_task_new (self, g_task_get_cancellable (task), render_done_cb, task);
  TileJob *job = g_task_get_task_data (task);
  TileJob *copy = g_new0 (TileJob, 1);
  int size = ATLAS_GEO_TILE_SIZE * job->scale;

  *copy = *job;
  copy->tile = NULL;   /* the worker never touches the tile object */
  copy->stride = cairo_format_stride_for_width (CAIRO_FORMAT_ARGB32, size);
  copy->pixels = g_malloc0 ((gsize) copy->stride * size);   /* transparent */
  g_task_set_source_tag (render, start_render);
  g_task_set_task_data (render, copy, (GDestroyNotify) tile_job_free);
  g_task_run_in_thread (render, render_in_thread);
}

static void
upstream_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (shumate_map_source_fill_tile_finish (SHUMATE_MAP_SOURCE (object), result, &error))
    {
      TileJob *job = g_task_get_task_data (task);

      remember_drawn (g_task_get_source_object (task), job->tile);
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Offline, or the server said no: draw our own tile instead. */
  g_debug ("Online tile failed (%s), drawing the offline one", error->message);
  start_render (g_task_get_source_object (task), g_steal_pointer (&task));
}

static void
prefetch_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  AtlasBasemapSource *self = ATLAS_BASEMAP_SOURCE (object);
  TileJob *job = g_task_get_task_data (G_TASK (result));
  guint64 key = tile_key (job->zoom, job->x, job->y);
  Prefetched *prefetched = g_hash_table_lookup (self->prefetched, &key);
  g_autoptr(GdkTexture) texture = NULL;

  /* forgotten meanwhile (dark style, scale), or drawn in vain (no basemap data) */
  if (prefetched == NULL || prefetched->texture != NULL || prefetched->scale != job->scale ||
      prefetched->dark != job->dark || !g_task_propagate_boolean (G_TASK (result), NULL))
    {
      if (prefetched != NULL && prefetched->texture == NULL && prefetched->scale == job->scale &&
          prefetched->dark == job->dark)
        {
          /* the requests that waited for it are drawn the usual way */
          for (guint i = 0; i < prefetched->waiting->len; i++)
            start_render (self, g_object_ref (g_ptr_array_index (prefetched->waiting, i)));
          g_ptr_array_set_size (prefetched->waiting, 0);
          g_hash_table_remove (self->prefetched, &key);
        }
      return;
    }

  texture = take_texture (job);
  if (prefetched->waiting->len == 0)
    {
      prefetched->texture = g_steal_pointer (&texture);
      return;
    }

  for (guint i = 0; i < prefetched->waiting->len; i++)
    deliver (g_ptr_array_index (prefetched->waiting, i), texture);
  g_ptr_array_set_size (prefetched->waiting, 0);
  g_hash_table_remove (self->prefetched, &key);
}

/* TRUE when the request was served (or will be) from a prefetched tile */
static gboolean
fill_from_prefetched (AtlasBasemapSource *self,
                      GTask              *task)
{
  TileJob *job = g_task_get_task_data (task);
  guint64 key = tile_key (job->zoom, job->x, job->y);
  Prefetched *prefetched = g_hash_table_lookup (self->prefetched, &key);

  if (prefetched == NULL || prefetched->scale != job->scale || prefetched->dark != job->dark)
    return FALSE;

  if (prefetched->texture == NULL)
    {
      g_ptr_array_add (prefetched->waiting, g_object_ref (task));
      return TRUE;
    }

  deliver (task, prefetched->texture);
  g_hash_table_remove (self->prefetched, &key);
  return TRUE;
}

static void
tile_completed_cb (GTask              *task,
                   GParamSpec         *pspec,
                   AtlasBasemapSource *self)
{
  g_assert (self->n_pending > 0);
  self->n_pending--;
  self->n_filled++;
}

static void
atlas_basemap_source_fill_tile_async (ShumateMapSource    *source,
                                      ShumateTile         *tile,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  AtlasBasemapSource *self = ATLAS_BASEMAP_SOURCE (source);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  TileJob *job = g_new0 (TileJob, 1);
  guint n;

  g_task_set_source_tag (task, atlas_basemap_source_fill_tile_async);

  job->tile = g_object_ref (tile);
  job->zoom = MIN (shumate_tile_get_zoom_level (tile), ATLAS_GEO_MAX_ZOOM);
  n = atlas_geo_tiles_at_zoom (job->zoom);
  job->x = shumate_tile_get_x (tile) % n;
  job->y = MIN (shumate_tile_get_y (tile), n - 1);
  job->scale = self->scale_factor;
  job->dark = self->dark;
  g_task_set_task_data (task, job, (GDestroyNotify) tile_job_free);

  self->n_pending++;
  g_signal_connect_object (task, "notify::completed", G_CALLBACK (tile_completed_cb), self, 0);

  if (self->upstream != NULL)
    {
      shumate_map_source_fill_tile_async (self->upstream, tile, cancellable, upstream_done_cb,
                                          g_steal_pointer (&task));
      return;
    }

  if (fill_from_prefetched (self, task))
    return;
  start_render (self, g_steal_pointer (&task));
}

static gboolean
atlas_basemap_source_fill_tile_finish (ShumateMapSource  *source,
                                       GAsyncResult      *result,
                                       GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
atlas_basemap_source_constructed (GObject *object)
{
  AtlasBasemapSource *self = ATLAS_BASEMAP_SOURCE (object);
  ShumateMapSource *source = SHUMATE_MAP_SOURCE (object);

  G_OBJECT_CLASS (atlas_basemap_source_parent_class)->constructed (object);

  shumate_map_source_set_tile_size (source, ATLAS_GEO_TILE_SIZE);
  shumate_map_source_set_projection (source, SHUMATE_MAP_PROJECTION_MERCATOR);
  shumate_map_source_set_min_zoom_level (source, 0);

  if (self->upstream != NULL)
    {
      g_autofree char *license = g_strdup_printf ("%s\n%s",
                                                  shumate_map_source_get_license (self->upstream),
                                                  _(OFFLINE_LICENSE));

      shumate_map_source_set_id (source, ATLAS_BASEMAP_SOURCE_ONLINE_ID);
      shumate_map_source_set_name (source, shumate_map_source_get_name (self->upstream));
      shumate_map_source_set_license (source, license);
      shumate_map_source_set_license_uri (source,
                                          shumate_map_source_get_license_uri (self->upstream));
      /* Not beyond the offline basemap's range, so that a fallback tile always exists. */
      shumate_map_source_set_max_zoom_level (source,
                                             MIN (shumate_map_source_get_max_zoom_level (self->upstream),
                                                  ATLAS_GEO_MAX_ZOOM));
    }
  else
    {
      shumate_map_source_set_id (source, ATLAS_BASEMAP_SOURCE_ID);
      shumate_map_source_set_name (source, _("Offline"));
      shumate_map_source_set_license (source, _(OFFLINE_LICENSE));
      shumate_map_source_set_license_uri (source, OFFLINE_LICENSE_URI);
      shumate_map_source_set_max_zoom_level (source, ATLAS_GEO_MAX_ZOOM);
    }
}

static void
atlas_basemap_source_dispose (GObject *object)
{
  AtlasBasemapSource *self = ATLAS_BASEMAP_SOURCE (object);

  g_clear_object (&self->upstream);

  G_OBJECT_CLASS (atlas_basemap_source_parent_class)->dispose (object);
}

static void
atlas_basemap_source_finalize (GObject *object)
{
  AtlasBasemapSource *self = ATLAS_BASEMAP_SOURCE (object);

  g_hash_table_unref (self->drawn);
  g_hash_table_unref (self->prefetched);

  G_OBJECT_CLASS (atlas_basemap_source_parent_class)->finalize (object);
}

static void
atlas_basemap_source_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  AtlasBasemapSource *self = ATLAS_BASEMAP_SOURCE (object);

  switch (prop_id)
    {
    case PROP_DARK:
      g_value_set_boolean (value, self->dark);
      break;
    case PROP_SCALE_FACTOR:
      g_value_set_uint (value, self->scale_factor);
      break;
    case PROP_UPSTREAM:
      g_value_set_object (value, self->upstream);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_basemap_source_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  AtlasBasemapSource *self = ATLAS_BASEMAP_SOURCE (object);

  switch (prop_id)
    {
    case PROP_DARK:
      atlas_basemap_source_set_dark (self, g_value_get_boolean (value));
      break;
    case PROP_SCALE_FACTOR:
      atlas_basemap_source_set_scale_factor (self, g_value_get_uint (value));
      break;
    case PROP_UPSTREAM:
      self->upstream = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_basemap_source_class_init (AtlasBasemapSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateMapSourceClass *source_class = SHUMATE_MAP_SOURCE_CLASS (klass);

  object_class->constructed = atlas_basemap_source_constructed;
  object_class->dispose = atlas_basemap_source_dispose;
  object_class->finalize = atlas_basemap_source_finalize;
  object_class->get_property = atlas_basemap_source_get_property;
  object_class->set_property = atlas_basemap_source_set_property;

  source_class->fill_tile_async = atlas_basemap_source_fill_tile_async;
  source_class->fill_tile_finish = atlas_basemap_source_fill_tile_finish;

  /**
   * AtlasBasemapSource:dark:
   *
   * Whether tiles use the dark style's colours.  Tiles already drawn keep theirs: the
   * map should reload its tiles (set the source again) after a change.
   */
  properties[PROP_DARK] =
    g_param_spec_boolean ("dark", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * AtlasBasemapSource:scale-factor:
   *
   * Device pixels per tile pixel: tiles are drawn at 256 × this size, for HiDPI screens.
   */
  properties[PROP_SCALE_FACTOR] =
    g_param_spec_uint ("scale-factor", NULL, NULL,
                       1, 4, 1,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * AtlasBasemapSource:upstream:
   *
   * An online source whose tiles are shown when they can be fetched, or NULL.
   */
  properties[PROP_UPSTREAM] =
    g_param_spec_object ("upstream", NULL, NULL,
                         SHUMATE_TYPE_MAP_SOURCE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
atlas_basemap_source_init (AtlasBasemapSource *self)
{
  self->scale_factor = 1;
  self->drawn = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->prefetched = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                            (GDestroyNotify) prefetched_free);
}

AtlasBasemapSource *
atlas_basemap_source_new (void)
{
  return g_object_new (ATLAS_TYPE_BASEMAP_SOURCE, NULL);
}

AtlasBasemapSource *
atlas_basemap_source_new_online (void)
{
  g_autoptr(ShumateMapSourceRegistry) registry = shumate_map_source_registry_new_with_defaults ();
  ShumateMapSource *osm = shumate_map_source_registry_get_by_id (registry,
                                                                 SHUMATE_MAP_SOURCE_OSM_MAPNIK);

  g_return_val_if_fail (osm != NULL, atlas_basemap_source_new ());

  return g_object_new (ATLAS_TYPE_BASEMAP_SOURCE,
                       "upstream", osm,
                       NULL);
}

/* Tiles drawn ahead in other colours or at another scale are no use: the requests
 * waiting for them are drawn the usual way. */
static void
forget_prefetched (AtlasBasemapSource *self)
{
  GHashTableIter iter;
  Prefetched *prefetched;

  g_hash_table_iter_init (&iter, self->prefetched);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &prefetched))
    {
      for (guint i = 0; i < prefetched->waiting->len; i++)
        start_render (self, g_object_ref (g_ptr_array_index (prefetched->waiting, i)));
      g_ptr_array_set_size (prefetched->waiting, 0);
      g_hash_table_iter_remove (&iter);
    }
}

gboolean
atlas_basemap_source_get_dark (AtlasBasemapSource *self)
{
  g_return_val_if_fail (ATLAS_IS_BASEMAP_SOURCE (self), FALSE);

  return self->dark;
}

void
atlas_basemap_source_set_dark (AtlasBasemapSource *self,
                               gboolean            dark)
{
  g_return_if_fail (ATLAS_IS_BASEMAP_SOURCE (self));

  dark = !!dark;
  if (self->dark == dark)
    return;

  self->dark = dark;
  forget_prefetched (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DARK]);
}

guint
atlas_basemap_source_get_scale_factor (AtlasBasemapSource *self)
{
  g_return_val_if_fail (ATLAS_IS_BASEMAP_SOURCE (self), 1);

  return self->scale_factor;
}

void
atlas_basemap_source_set_scale_factor (AtlasBasemapSource *self,
                                       guint               scale_factor)
{
  g_return_if_fail (ATLAS_IS_BASEMAP_SOURCE (self));
  g_return_if_fail (scale_factor >= 1 && scale_factor <= 4);

  if (self->scale_factor == scale_factor)
    return;

  self->scale_factor = scale_factor;
  forget_prefetched (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCALE_FACTOR]);
}

ShumateMapSource *
atlas_basemap_source_get_upstream (AtlasBasemapSource *self)
{
  g_return_val_if_fail (ATLAS_IS_BASEMAP_SOURCE (self), NULL);

  return self->upstream;
}

guint
atlas_basemap_source_get_n_pending (AtlasBasemapSource *self)
{
  g_return_val_if_fail (ATLAS_IS_BASEMAP_SOURCE (self), 0);

  return self->n_pending;
}

guint
atlas_basemap_source_get_n_filled (AtlasBasemapSource *self)
{
  g_return_val_if_fail (ATLAS_IS_BASEMAP_SOURCE (self), 0);

  return self->n_filled;
}

gboolean
atlas_basemap_source_is_drawn (AtlasBasemapSource *self,
                               guint               zoom,
                               guint               x,
                               guint               y)
{
  guint64 key = tile_key (zoom, x, y);

  g_return_val_if_fail (ATLAS_IS_BASEMAP_SOURCE (self), FALSE);

  return g_hash_table_contains (self->drawn, &key);
}

/* at most this many tiles are drawn ahead: a large screen at its first zoom */
#define MAX_PREFETCH 64

void
atlas_basemap_source_prefetch (AtlasBasemapSource *self,
                               guint               zoom,
                               int                 x0,
                               int                 y0,
                               int                 x1,
                               int                 y1)
{
  GHashTableIter iter;
  Prefetched *prefetched;
  guint n, count = 0;

  g_return_if_fail (ATLAS_IS_BASEMAP_SOURCE (self));

  if (self->upstream != NULL || zoom > ATLAS_GEO_MAX_ZOOM)
    return;

  /* tiles drawn ahead for an earlier view and never asked for are let go */
  g_hash_table_iter_init (&iter, self->prefetched);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &prefetched))
    if (prefetched->texture != NULL)
      g_hash_table_iter_remove (&iter);

  n = atlas_geo_tiles_at_zoom (zoom);
  for (int y = MAX (y0, 0); y <= y1 && y < (int) n; y++)
    for (int x = x0; x <= x1 && count < MAX_PREFETCH; x++, count++)
      {
        g_autoptr(GTask) render = NULL;
        TileJob *job;
        int size = ATLAS_GEO_TILE_SIZE * self->scale_factor;
        guint column = (guint) (((x % (int) n) + (int) n) % (int) n);   /* columns wrap */
        guint64 key = tile_key (zoom, column, (guint) y);

        if (g_hash_table_contains (self->prefetched, &key) ||
            g_hash_table_contains (self->drawn, &key))
          continue;

        prefetched = g_new0 (Prefetched, 1);
        prefetched->waiting = g_ptr_array_new_with_free_func (g_object_unref);
        prefetched->scale = self->scale_factor;
        prefetched->dark = self->dark;
        g_hash_table_insert (self->prefetched, g_memdup2 (&key, sizeof key), prefetched);

        job = g_new0 (TileJob, 1);
        job->zoom = zoom;
        job->x = column;
        job->y = (guint) y;
        job->scale = self->scale_factor;
        job->dark = self->dark;
        job->stride = cairo_format_stride_for_width (CAIRO_FORMAT_ARGB32, size);
        job->pixels = g_malloc0 ((gsize) job->stride * size);
        render = g_task_new (self, NULL, prefetch_done_cb, NULL);
        g_task_set_source_tag (render, atlas_basemap_source_prefetch);
        g_task_set_task_data (render, job, (GDestroyNotify) tile_job_free);
        g_task_run_in_thread (render, render_in_thread);
      }
}
