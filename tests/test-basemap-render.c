/* test-basemap-render.c — offline basemap tiles around Aleppo, drawn offscreen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>

#include "atlas-basemap-render.h"
#include "atlas-basemap-source.h"
#include "atlas-geo.h"

typedef struct
{
  cairo_surface_t *surface;
  guint            zoom, x, y;
} Tile;

static void
tile_clear (Tile *tile)
{
  g_clear_pointer (&tile->surface, cairo_surface_destroy);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Tile, tile_clear)

static void
render (Tile    *tile,
        double   latitude,
        double   longitude,
        guint    zoom,
        gboolean dark)
{
  const AtlasBasemapData *data = atlas_basemap_render_get_default_data ();
  cairo_t *cr;

  g_assert_nonnull (data);
  atlas_geo_tile_for_position (latitude, longitude, zoom, &tile->x, &tile->y);
  tile->zoom = zoom;
  tile->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 256, 256);
  cr = cairo_create (tile->surface);
  atlas_basemap_render_tile (data, cr, zoom, tile->x, tile->y, dark);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (tile->surface);
}

static guint32
pixel (Tile *tile,
       int   px,
       int   py)
{
  const guint8 *data = cairo_image_surface_get_data (tile->surface);
  int stride = cairo_image_surface_get_stride (tile->surface);

  g_assert_cmpint (px, >=, 0);
  g_assert_cmpint (px, <, 256);
  g_assert_cmpint (py, >=, 0);
  g_assert_cmpint (py, <, 256);
  return *(const guint32 *) (data + py * stride + px * 4);
}

/* The most common colour in the 11 × 11 pixels around a position: the fill there, not a
 * label or a border that happens to cross it. */
static guint32
fill_at (Tile  *tile,
         double latitude,
         double longitude)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  double px, py;
  guint32 best = 0;
  guint best_count = 0;

  atlas_geo_position_to_tile_pixel (latitude, longitude, tile->zoom, tile->x, tile->y, &px, &py);
  for (int y = (int) py - 5; y <= (int) py + 5; y++)
    for (int x = (int) px - 5; x <= (int) px + 5; x++)
      {
        guint32 c;
        guint n;

        if (x < 0 || x >= 256 || y < 0 || y >= 256)
          continue;
        c = pixel (tile, x, y);
        n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, GUINT_TO_POINTER (c))) + 1;
        g_hash_table_insert (counts, GUINT_TO_POINTER (c), GUINT_TO_POINTER (n));
        if (n > best_count)
          {
            best_count = n;
            best = c;
          }
      }

  return best;
}

static guint
count_colours (Tile *tile)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  for (int y = 0; y < 256; y += 2)
    for (int x = 0; x < 256; x += 2)
      g_hash_table_add (seen, GUINT_TO_POINTER (pixel (tile, x, y)));
  return g_hash_table_size (seen);
}

static void
assert_opaque (Tile *tile)
{
  for (int y = 0; y < 256; y += 17)
    for (int x = 0; x < 256; x += 17)
      g_assert_cmphex (pixel (tile, x, y) >> 24, ==, 0xff);
}

/* Zoom 3 and 6: one tile holds both the sea off Syria and Aleppo. */
static void
test_land_and_sea (gconstpointer user_data)
{
  guint zoom = GPOINTER_TO_UINT (user_data);
  g_auto(Tile) tile = { 0, };
  guint tx, ty;

  render (&tile, 36.2021, 37.1343, zoom, FALSE);
  atlas_geo_tile_for_position (35.0, 35.0, zoom, &tx, &ty);
  g_assert_cmpuint (tx, ==, tile.x);
  g_assert_cmpuint (ty, ==, tile.y);

  assert_opaque (&tile);
  g_assert_cmpuint (count_colours (&tile), >, 8);
  /* sea and land are told apart, and each is the colour of its kind everywhere */
  g_assert_cmphex (fill_at (&tile, 35.0, 35.0), !=, fill_at (&tile, 36.0, 38.5));
  g_assert_cmphex (fill_at (&tile, 35.0, 35.0), ==, fill_at (&tile, 34.5, 34.2));
  g_assert_cmphex (fill_at (&tile, 36.0, 38.5), ==, fill_at (&tile, 35.2, 38.8));
}

/* Zoom 9: the coast at Latakia — sea west of it, land east. */
static void
test_coast (void)
{
  g_auto(Tile) tile = { 0, };
  g_auto(Tile) inland = { 0, };

  render (&tile, 35.53, 35.79, 9, FALSE);
  assert_opaque (&tile);
  g_assert_cmphex (fill_at (&tile, 35.53, 35.50), !=, fill_at (&tile, 35.53, 36.05));

  /* and a tile at Aleppo at zoom 9 is land, with labels and borders on it */
  render (&inland, 36.2021, 37.1343, 9, FALSE);
  assert_opaque (&inland);
  g_assert_cmpuint (count_colours (&inland), >, 8);
}

/* Zoom 13: Aleppo's city layer is drawn and the style follows the dark flag. */
static void
test_city (void)
{
  g_auto(Tile) light = { 0, };
  g_auto(Tile) dark = { 0, };
  g_auto(Tile) outside = { 0, };

  render (&light, 36.1993, 37.1625, 13, FALSE);
  render (&dark, 36.1993, 37.1625, 13, TRUE);
  render (&outside, 36.50, 37.60, 13, FALSE);   /* open country north-east of the city */

  assert_opaque (&light);
  g_assert_cmpuint (count_colours (&light), >, 8);
  /* the built-up area is not the plain land colour of the countryside */
  g_assert_cmphex (fill_at (&light, 36.1950, 37.1750), !=, fill_at (&outside, 36.50, 37.60));
  /* dark style: a darker, different map */
  g_assert_cmphex (fill_at (&light, 36.1950, 37.1750), !=, fill_at (&dark, 36.1950, 37.1750));
  g_assert_cmpuint (fill_at (&dark, 36.1950, 37.1750) & 0xff, <, fill_at (&light, 36.1950, 37.1750) & 0xff);
}

static guint
column_changes (cairo_surface_t *left,
                int              lx,
                cairo_surface_t *right,
                int              rx)
{
  const guint8 *l = cairo_image_surface_get_data (left);
  const guint8 *r = cairo_image_surface_get_data (right);
  int ls = cairo_image_surface_get_stride (left);
  int rs = cairo_image_surface_get_stride (right);
  guint changes = 0;

  for (int y = 0; y < 256; y++)
    {
      const guint8 *a = l + y * ls + lx * 4;
      const guint8 *b = r + y * rs + rx * 4;
      int diff = 0;

      for (int c = 0; c < 4; c++)
        diff = MAX (diff, ABS (a[c] - b[c]));
      if (diff > 24)
        changes++;
    }

  return changes;
}

/* Neighbouring tiles continue each other: across their shared edge the picture changes
 * no more than it does between two columns inside a tile.  A seam (a clip edge, an
 * antialiased border of the fill, a cut label) would change every row. */
static void
test_no_seams (void)
{
  const AtlasBasemapData *data = atlas_basemap_render_get_default_data ();

  for (guint zoom = 3; zoom <= 13; zoom += 5)
    {
      g_auto(Tile) left = { 0, };
      g_auto(Tile) below = { 0, };
      cairo_surface_t *right = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 256, 256);
      cairo_surface_t *under = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 256, 256);
      cairo_t *cr;
      guint across, inside;

      render (&left, 35.53, 35.79, zoom, FALSE);   /* the coast at Latakia */
      cr = cairo_create (right);
      atlas_basemap_render_tile (data, cr, zoom, left.x + 1, left.y, FALSE);
      cairo_destroy (cr);
      cairo_surface_flush (right);

      across = column_changes (left.surface, 255, right, 0);
      inside = MAX (column_changes (left.surface, 127, left.surface, 128),
                    column_changes (right, 127, right, 128));
      g_test_message ("z%u: %u rows change across the edge, %u inside", zoom, across, inside);
      g_assert_cmpuint (across, <=, inside + 12);

      /* and vertically: transpose by comparing the bottom row with the next tile's top */
      render (&below, 35.53, 35.79, zoom, FALSE);
      cr = cairo_create (under);
      atlas_basemap_render_tile (data, cr, zoom, below.x, below.y + 1, FALSE);
      cairo_destroy (cr);
      cairo_surface_flush (under);
      {
        guint changes = 0;

        for (int x = 0; x < 256; x++)
          {
            guint32 a = pixel (&below, x, 255);
            guint32 b = *(const guint32 *) (cairo_image_surface_get_data (under) + x * 4);

            if (a != b && ABS ((int) (a & 0xff) - (int) (b & 0xff)) > 24)
              changes++;
          }
        g_assert_cmpuint (changes, <=, inside + 12);
      }

      cairo_surface_destroy (right);
      cairo_surface_destroy (under);
    }
}

static void
fill_tile_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (shumate_map_source_fill_tile_finish (SHUMATE_MAP_SOURCE (object), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

/* The map source fills a ShumateTile with a texture, off the main thread. */
static void
test_source (void)
{
  g_autoptr(AtlasBasemapSource) source = atlas_basemap_source_new ();
  g_autoptr(ShumateTile) tile = shumate_tile_new_full (4941, 3211, 256, 13);
  gboolean done = FALSE;
  GdkPaintable *paintable;

  g_assert_cmpstr (shumate_map_source_get_id (SHUMATE_MAP_SOURCE (source)), ==, "event-atlas-offline");
  g_assert_cmpuint (shumate_map_source_get_max_zoom_level (SHUMATE_MAP_SOURCE (source)), ==, 16);
  g_assert_cmpuint (shumate_map_source_get_tile_size (SHUMATE_MAP_SOURCE (source)), ==, 256);
  g_assert_nonnull (strstr (shumate_map_source_get_license (SHUMATE_MAP_SOURCE (source)), "DCW"));

  atlas_basemap_source_set_dark (source, TRUE);
  g_assert_true (atlas_basemap_source_get_dark (source));

  shumate_map_source_fill_tile_async (SHUMATE_MAP_SOURCE (source), tile, NULL, fill_tile_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpint (shumate_tile_get_state (tile), ==, SHUMATE_STATE_DONE);
  paintable = shumate_tile_get_paintable (tile);
  g_assert_true (GDK_IS_TEXTURE (paintable));
  g_assert_cmpint (gdk_texture_get_width (GDK_TEXTURE (paintable)), ==, 256);

  /* the worker's task lets go of the source once its thread is done */
  {
    gpointer weak = source;
    gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    g_object_add_weak_pointer (G_OBJECT (source), &weak);
    g_clear_object (&source);
    while (weak != NULL && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, FALSE);
    g_assert_null (weak);
  }
}

/* the pixels @source gives the tile at @zoom, @x, @y */
static GBytes *
fill_and_download (AtlasBasemapSource *source,
                   guint               zoom,
                   guint               x,
                   guint               y,
                   gboolean            wait_first)
{
  g_autoptr(ShumateTile) tile = shumate_tile_new_full (x, y, 256, zoom);
  GdkTexture *texture;
  gboolean done = FALSE;
  guchar *pixels = g_malloc (256 * 256 * 4);

  /* let a tile being drawn ahead finish first, or ask while it is drawn */
  for (guint i = 0; wait_first && i < 50; i++)
    {
      while (g_main_context_iteration (NULL, FALSE));
      g_usleep (10000);
    }
  shumate_map_source_fill_tile_async (SHUMATE_MAP_SOURCE (source), tile, NULL, fill_tile_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpint (shumate_tile_get_state (tile), ==, SHUMATE_STATE_DONE);
  texture = GDK_TEXTURE (shumate_tile_get_paintable (tile));
  gdk_texture_download (texture, pixels, 256 * 4);
  return g_bytes_new_take (pixels, 256 * 256 * 4);
}

/* Tiles drawn ahead of libshumate's request are the tiles it would have got, whether
 * the request comes after the drawing or during it, and the colours asked for when
 * the style changed in between. */
static void
test_prefetch (void)
{
  g_autoptr(AtlasBasemapSource) plain = atlas_basemap_source_new ();
  g_autoptr(AtlasBasemapSource) ahead = atlas_basemap_source_new ();
  g_autoptr(GBytes) expected = fill_and_download (plain, 6, 38, 25, FALSE);
  g_autoptr(GBytes) expected_next = fill_and_download (plain, 6, 39, 25, FALSE);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GBytes) during = NULL;
  g_autoptr(GBytes) dark = NULL;
  g_autoptr(GBytes) expected_dark = NULL;

  atlas_basemap_source_prefetch (ahead, 6, 38, 25, 39, 25);
  after = fill_and_download (ahead, 6, 38, 25, TRUE);
  g_assert_true (g_bytes_equal (after, expected));
  g_assert_true (atlas_basemap_source_is_drawn (ahead, 6, 38, 25));

  atlas_basemap_source_prefetch (ahead, 6, 39 - 64, 26, 39 - 64, 26);   /* columns wrap */
  during = fill_and_download (ahead, 6, 39, 26, FALSE);
  {
    g_autoptr(GBytes) direct = fill_and_download (plain, 6, 39, 26, FALSE);

    g_assert_true (g_bytes_equal (during, direct));
  }

  /* drawn ahead in light colours, asked for in dark ones */
  atlas_basemap_source_prefetch (ahead, 6, 40, 25, 40, 25);
  atlas_basemap_source_set_dark (ahead, TRUE);
  atlas_basemap_source_set_dark (plain, TRUE);
  dark = fill_and_download (ahead, 6, 40, 25, TRUE);
  expected_dark = fill_and_download (plain, 6, 40, 25, FALSE);
  g_assert_true (g_bytes_equal (dark, expected_dark));

  /* the tile drawn ahead but never asked for is still right when it is */
  g_clear_pointer (&after, g_bytes_unref);
  atlas_basemap_source_set_dark (ahead, FALSE);
  after = fill_and_download (ahead, 6, 39, 25, FALSE);
  g_assert_true (g_bytes_equal (after, expected_next));
}

/* Labels in an English (or any non-Arabic) interface: the English name first, the
 * Arabic one below it where there is room (cities from zoom 8, countries from 5). */
static void
test_labels (void)
{
  const AtlasBasemapData *data = atlas_basemap_render_get_default_data ();
  g_autofree char *z6 = atlas_basemap_render_dup_label (data, "Aleppo", 6);
  g_autofree char *z9 = atlas_basemap_render_dup_label (data, "Aleppo", 9);
  g_autofree char *country = atlas_basemap_render_dup_label (data, "Syria", 6);
  g_autofree char *unknown = atlas_basemap_render_dup_label (data, "Atlantis", 6);

  g_assert_cmpstr (z6, ==, "Aleppo");
  g_assert_cmpstr (z9, ==, "Aleppo\nحلب");
  g_assert_cmpstr (country, ==, "SYRIA\nسوريا");
  g_assert_null (unknown);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/basemap/render/land-and-sea/z3", GUINT_TO_POINTER (3), test_land_and_sea);
  g_test_add_data_func ("/basemap/render/land-and-sea/z6", GUINT_TO_POINTER (6), test_land_and_sea);
  g_test_add_func ("/basemap/render/coast/z9", test_coast);
  g_test_add_func ("/basemap/render/city/z13", test_city);
  g_test_add_func ("/basemap/render/no-seams", test_no_seams);
  g_test_add_func ("/basemap/render/source", test_source);
  g_test_add_func ("/basemap/render/labels", test_labels);
  g_test_add_func ("/basemap/render/prefetch", test_prefetch);

  return g_test_run ();
}
