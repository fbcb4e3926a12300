/* test-basemap-data.c — the basemap's projection maths, simplification and bundled file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "atlas-basemap-data.h"
#include "atlas-geo.h"

static AtlasBasemapData *bundled;

static void
test_project_round_trip (void)
{
  static const double positions[][2] = {
    { 36.2021, 37.1343 }, { 0, 0 }, { -33.8688, 151.2093 }, { 40.7128, -74.006 },
    { 85.0, 179.9 }, { -85.0, -179.9 },
  };
  double x, y, lat, lon;

  atlas_geo_project (0, 0, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, ATLAS_GEO_WORLD_SIZE / 2.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (y, ATLAS_GEO_WORLD_SIZE / 2.0, 1e-6);
  atlas_geo_project (ATLAS_GEO_MAX_LATITUDE, -180, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 0, 1e-6);
  g_assert_cmpfloat_with_epsilon (y, 0, 1e-3);
  /* beyond the Mercator square: clamped */
  atlas_geo_project (90, 0, &x, &y);
  g_assert_cmpfloat_with_epsilon (y, 0, 1e-3);

  for (guint i = 0; i < G_N_ELEMENTS (positions); i++)
    {
      atlas_geo_project (positions[i][0], positions[i][1], &x, &y);
      atlas_geo_unproject (x, y, &lat, &lon);
      g_assert_cmpfloat_with_epsilon (lat, positions[i][0], 1e-9);
      g_assert_cmpfloat_with_epsilon (lon, positions[i][1], 1e-9);
    }
}

static void
test_tiles (void)
{
  guint tx, ty;
  double x0, y0, x1, y1, px, py;

  g_assert_cmpuint (atlas_geo_tiles_at_zoom (0), ==, 1);
  g_assert_cmpuint (atlas_geo_tiles_at_zoom (13), ==, 8192);
  g_assert_cmpfloat (atlas_geo_units_per_pixel (16), ==, 1.0);
  g_assert_cmpfloat (atlas_geo_units_per_pixel (0), ==, 65536.0);

  /* Aleppo's Citadel at zoom 13, in the OSM slippy-map numbering */
  atlas_geo_tile_for_position (36.1993, 37.1625, 13, &tx, &ty);
  g_assert_cmpuint (tx, ==, 4941);
  g_assert_cmpuint (ty, ==, 3211);

  atlas_geo_tile_bounds (13, tx, ty, &x0, &y0, &x1, &y1);
  g_assert_cmpfloat (x1 - x0, ==, 256 * 8);
  atlas_geo_position_to_tile_pixel (36.1993, 37.1625, 13, tx, ty, &px, &py);
  g_assert_cmpfloat (px, >=, 0);
  g_assert_cmpfloat (px, <, 256);
  g_assert_cmpfloat (py, >=, 0);
  g_assert_cmpfloat (py, <, 256);

  /* the poles clamp into the first and last rows */
  atlas_geo_tile_for_position (89.9, 0, 3, &tx, &ty);
  g_assert_cmpuint (ty, ==, 0);
  atlas_geo_tile_for_position (-89.9, 0, 3, &tx, &ty);
  g_assert_cmpuint (ty, ==, 7);
}

static void
test_simplify_line (void)
{
  const gint32 straight[] = { 0, 0, 10, 0, 20, 1, 30, 0, 40, 0 };
  const gint32 bent[] = { 0, 0, 10, 0, 20, 50, 30, 0, 40, 0 };
  gsize keep[5];
  gsize n;

  n = atlas_geo_simplify_line (straight, 5, 2.0, keep);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (keep[0], ==, 0);
  g_assert_cmpuint (keep[1], ==, 4);

  n = atlas_geo_simplify_line (straight, 5, 0.5, keep);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpuint (keep[1], ==, 2);

  n = atlas_geo_simplify_line (bent, 5, 2.0, keep);
  g_assert_cmpuint (n, ==, 5);   /* 10,0 and 30,0 are 2.6+ off the chords through 20,50 */
}

static void
test_simplify_ring (void)
{
  /* a noisy square, clockwise on screen, closed */
  const gint32 square[] = {
    0, 0, 50, 1, 100, 0, 99, 50, 100, 100, 50, 99, 0, 100, 1, 50, 0, 0,
  };
  /* a sliver that a large tolerance would flatten */
  const gint32 sliver[] = { 0, 0, 100, 0, 200, 1, 100, 2, 0, 0 };
  gsize keep[9];
  gsize n;
  gint32 out[18];

  n = atlas_geo_simplify_ring (square, 9, 3.0, keep);
  g_assert_cmpuint (n, ==, 4);
  for (gsize i = 0; i < n; i++)
    {
      out[2 * i] = square[2 * keep[i]];
      out[2 * i + 1] = square[2 * keep[i] + 1];
    }
  g_assert_cmpfloat (atlas_geo_ring_area2 (out, n), >, 0);
  g_assert_false (atlas_geo_ring_self_intersects (out, n));

  /* never fewer than three points: the ring keeps an area */
  n = atlas_geo_simplify_ring (sliver, 5, 1000.0, keep);
  g_assert_cmpuint (n, ==, 3);
  for (gsize i = 0; i < n; i++)
    {
      out[2 * i] = sliver[2 * keep[i]];
      out[2 * i + 1] = sliver[2 * keep[i] + 1];
    }
  g_assert_cmpfloat (fabs (atlas_geo_ring_area2 (out, n)), >, 0);

  /* no tolerance keeps every point but the closing duplicate */
  n = atlas_geo_simplify_ring (square, 9, 0.0, keep);
  g_assert_cmpuint (n, ==, 8);
}

static void
test_ring_predicates (void)
{
  const gint32 bowtie[] = { 0, 0, 10, 10, 10, 0, 0, 10 };
  const gint32 square[] = { 0, 0, 10, 0, 10, 10, 0, 10 };

  g_assert_true (atlas_geo_ring_self_intersects (bowtie, 4));
  g_assert_false (atlas_geo_ring_self_intersects (square, 4));
  g_assert_true (atlas_geo_ring_contains (square, 4, 5, 5));
  g_assert_false (atlas_geo_ring_contains (square, 4, 15, 5));
  g_assert_cmpfloat (atlas_geo_ring_area2 (square, 4), ==, 200);
}

static void
test_format_round_trip (void)
{
  g_autoptr(AtlasBasemapData) data = atlas_basemap_data_new ();
  g_autoptr(AtlasBasemapData) back = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  AtlasBasemapCountry *c = g_new0 (AtlasBasemapCountry, 1);
  AtlasBasemapPlace *p = g_new0 (AtlasBasemapPlace, 1);
  AtlasBasemapLayer *layer = atlas_basemap_layer_new (ATLAS_BASEMAP_LAYER_LAND, 3, 4, 4);
  const gint32 ring[] = { 1000, 1000, 5000, 1003, 5000, 9000, 1000, 9000 };
  const gint32 line[] = { -70000, 12, 30000, 40 };
  const AtlasBasemapLayer *l;
  const AtlasBasemapShape *shape;
  const gint32 *pts;

  g_strlcpy (c->code, "SY", sizeof c->code);
  c->name_en = g_strdup ("Syria");
  c->name_ar = g_strdup ("سوريا");
  c->label_x = 123456;
  c->label_y = -5;
  c->min_zoom = 4;
  g_ptr_array_add (data->countries, c);

  p->kind = ATLAS_BASEMAP_PLACE_DISTRICT;
  p->rank = 1;
  p->min_zoom = 12;
  p->name_en = g_strdup ("al-Furqan");
  p->x = 9876543;
  p->y = 6543210;
  g_ptr_array_add (data->places, p);

  layer->coverage = (AtlasBasemapBox) { 0, 0, ATLAS_GEO_WORLD_SIZE, ATLAS_GEO_WORLD_SIZE };
  atlas_basemap_layer_add_shape (layer, ATLAS_BASEMAP_SHAPE_LAND, 0, ring, 4);
  atlas_basemap_layer_add_shape (layer, ATLAS_BASEMAP_SHAPE_BORDER, 0, line, 2);
  g_ptr_array_add (data->layers, layer);

  bytes = atlas_basemap_data_serialize (data);
  back = atlas_basemap_data_new_from_bytes (bytes, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);

  g_assert_cmpuint (back->countries->len, ==, 1);
  c = g_ptr_array_index (back->countries, 0);
  g_assert_cmpstr (c->code, ==, "SY");
  g_assert_cmpstr (c->name_ar, ==, "سوريا");
  g_assert_cmpint (c->label_x, ==, 123456);
  g_assert_cmpint (c->label_y, ==, -5);
  g_assert_cmpuint (c->min_zoom, ==, 4);

  p = g_ptr_array_index (back->places, 0);
  g_assert_cmpstr (p->name_en, ==, "al-Furqan");
  g_assert_null (p->name_ar);
  g_assert_cmpint (p->x, ==, 9876543);
  g_assert_cmpuint (p->kind, ==, ATLAS_BASEMAP_PLACE_DISTRICT);

  l = g_ptr_array_index (back->layers, 0);
  g_assert_cmpuint (l->min_zoom, ==, 3);
  g_assert_cmpuint (l->shift, ==, 4);
  g_assert_cmpuint (l->shapes->len, ==, 2);
  shape = &g_array_index (l->shapes, AtlasBasemapShape, 0);
  pts = atlas_basemap_layer_shape_points (l, shape);
  g_assert_cmpuint (shape->n_points, ==, 4);
  /* rounded to the layer's 16-unit grid */
  g_assert_cmpint (pts[2], ==, 5008);
  g_assert_cmpint (pts[3], ==, 1008);
  g_assert_cmpint (shape->bbox.x0, ==, 1008);
  g_assert_cmpint (shape->bbox.y1, ==, 9008);
  shape = &g_array_index (l->shapes, AtlasBasemapShape, 1);
  pts = atlas_basemap_layer_shape_points (l, shape);
  g_assert_cmpint (pts[0], ==, -70000);
  g_assert_cmpuint (shape->kind, ==, ATLAS_BASEMAP_SHAPE_BORDER);

  /* the same data encodes to the same bytes */
  {
    g_autoptr(GBytes) again = atlas_basemap_data_serialize (back);

    g_assert_true (g_bytes_equal (bytes, again));
  }
}

static void
test_format_corrupt (void)
{
  g_autoptr(GBytes) bad_magic = g_bytes_new_static ("XXXX\1\0\0\0", 8);
  g_autoptr(GBytes) bad_version = g_bytes_new_static ("EABM\7\0\0\0", 8);
  g_autoptr(AtlasBasemapData) data = atlas_basemap_data_new ();
  g_autoptr(GBytes) whole = NULL;
  g_autoptr(GError) error = NULL;
  AtlasBasemapLayer *layer = atlas_basemap_layer_new (ATLAS_BASEMAP_LAYER_LAND, 0, 2, 0);
  const gint32 ring[] = { 0, 0, 100, 0, 100, 100 };
  gsize len;

  g_assert_null (atlas_basemap_data_new_from_bytes (bad_magic, &error));
  g_assert_error (error, ATLAS_BASEMAP_DATA_ERROR, ATLAS_BASEMAP_DATA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (atlas_basemap_data_new_from_bytes (bad_version, &error));
  g_assert_error (error, ATLAS_BASEMAP_DATA_ERROR, ATLAS_BASEMAP_DATA_ERROR_VERSION);
  g_clear_error (&error);

  atlas_basemap_layer_add_shape (layer, ATLAS_BASEMAP_SHAPE_LAND, 0, ring, 3);
  g_ptr_array_add (data->layers, layer);
  whole = atlas_basemap_data_serialize (data);
  len = g_bytes_get_size (whole);

  /* every truncation is refused, none crashes */
  for (gsize cut = 0; cut < len; cut++)
    {
      g_autoptr(GBytes) part = g_bytes_new_from_bytes (whole, 0, cut);
      g_autoptr(AtlasBasemapData) none = atlas_basemap_data_new_from_bytes (part, &error);

      g_assert_null (none);
      g_assert_nonnull (error);
      g_clear_error (&error);
    }
}

static const AtlasBasemapCountry *
find_country (const char *code,
              guint      *index)
{
  for (guint i = 0; i < bundled->countries->len; i++)
    {
      const AtlasBasemapCountry *c = g_ptr_array_index (bundled->countries, i);

      if (g_str_equal (c->code, code))
        {
          if (index != NULL)
            *index = i;
          return c;
        }
    }
  return NULL;
}

static void
test_bundled_contents (void)
{
  const AtlasBasemapCountry *sy;
  gboolean aleppo = FALSE, furqan = FALSE, citadel = FALSE;
  guint n_land = 0;

  sy = find_country ("SY", NULL);
  g_assert_nonnull (sy);
  g_assert_cmpstr (sy->name_en, ==, "Syria");
  g_assert_cmpstr (sy->name_ar, ==, "سوريا");
  g_assert_cmpuint (bundled->countries->len, >, 200);

  for (guint i = 0; i < bundled->places->len; i++)
    {
      const AtlasBasemapPlace *p = g_ptr_array_index (bundled->places, i);

      aleppo |= g_str_equal (p->name_en, "Aleppo") && g_strcmp0 (p->name_ar, "حلب") == 0 &&
                p->rank == 1;
      furqan |= g_str_equal (p->name_en, "al-Furqan") && p->kind == ATLAS_BASEMAP_PLACE_DISTRICT;
      citadel |= g_str_equal (p->name_en, "Citadel") && p->kind == ATLAS_BASEMAP_PLACE_LANDMARK;
    }
  g_assert_true (aleppo);
  g_assert_true (furqan);
  g_assert_true (citadel);

  for (guint i = 0; i < bundled->layers->len; i++)
    if (((AtlasBasemapLayer *) g_ptr_array_index (bundled->layers, i))->kind == ATLAS_BASEMAP_LAYER_LAND)
      n_land++;
  g_assert_cmpuint (n_land, >=, 4);
  g_assert_nonnull (atlas_basemap_data_city_layer (bundled));
}

/* Every ring of every band: at least three points, inside its bounding box (which is
 * tight), oriented as its kind says (so the renderer's non-zero fill is right), and simple
 * wherever DCW itself is. */
static void
test_bundled_rings_valid (void)
{
  for (guint i = 0; i < bundled->layers->len; i++)
    {
      const AtlasBasemapLayer *layer = g_ptr_array_index (bundled->layers, i);
      guint n_rings = 0, n_crossing = 0, n_lines = 0;

      for (guint k = 0; k < layer->shapes->len; k++)
        {
          const AtlasBasemapShape *shape = &g_array_index (layer->shapes, AtlasBasemapShape, k);
          const gint32 *pts = atlas_basemap_layer_shape_points (layer, shape);
          AtlasBasemapBox tight = { G_MAXINT32, G_MAXINT32, G_MININT32, G_MININT32 };
          gboolean ring = shape->kind == ATLAS_BASEMAP_SHAPE_LAND ||
                          shape->kind == ATLAS_BASEMAP_SHAPE_HOLE ||
                          shape->kind == ATLAS_BASEMAP_SHAPE_CITY_AREA ||
                          shape->kind == ATLAS_BASEMAP_SHAPE_AIRPORT;

          g_assert_cmpuint (shape->n_points, >=, ring ? 3 : 2);
          for (guint32 j = 0; j < shape->n_points; j++)
            {
              g_assert_cmpint (pts[2 * j], >=, shape->bbox.x0);
              g_assert_cmpint (pts[2 * j], <=, shape->bbox.x1);
              g_assert_cmpint (pts[2 * j + 1], >=, shape->bbox.y0);
              g_assert_cmpint (pts[2 * j + 1], <=, shape->bbox.y1);
              tight.x0 = MIN (tight.x0, pts[2 * j]);
              tight.y0 = MIN (tight.y0, pts[2 * j + 1]);
              tight.x1 = MAX (tight.x1, pts[2 * j]);
              tight.y1 = MAX (tight.y1, pts[2 * j + 1]);
              /* points are on the layer's grid */
              g_assert_cmpint (pts[2 * j] & ((1 << layer->shift) - 1), ==, 0);
            }
          g_assert_cmpmem (&tight, sizeof tight, &shape->bbox, sizeof shape->bbox);

          if (shape->kind == ATLAS_BASEMAP_SHAPE_LAND)
            g_assert_cmpfloat (atlas_geo_ring_area2 (pts, shape->n_points), >, 0);
          else if (shape->kind == ATLAS_BASEMAP_SHAPE_HOLE)
            g_assert_cmpfloat (atlas_geo_ring_area2 (pts, shape->n_points), <, 0);

          if (shape->kind == ATLAS_BASEMAP_SHAPE_LAND || shape->kind == ATLAS_BASEMAP_SHAPE_HOLE)
            {
              n_rings++;
              if (atlas_geo_ring_self_intersects (pts, shape->n_points))
                n_crossing++;
            }
          else if (!ring)
            n_lines++;
        }

      g_test_message ("layer %u (z%u-%u): %u rings (%u self-crossing), %u lines",
                      i, layer->min_zoom, layer->max_zoom, n_rings, n_crossing, n_lines);
      /* In the eastern Mediterranean (the regional bands, coverage smaller than the
       * world) every ring is simple.  On the world bands a few long coasts (fjords, reefs)
       * touch themselves within a quarter pixel once on the band's grid, and some DCW
       * rings cross already: allow a few percent, all sub-pixel. */
      if (layer->coverage.x1 - layer->coverage.x0 < ATLAS_GEO_WORLD_SIZE)
        g_assert_cmpuint (n_crossing, ==, 0);
      else
        g_assert_cmpuint (n_crossing * 100, <=, 3 * MAX (n_rings, 100));
      if (layer->kind == ATLAS_BASEMAP_LAYER_LAND)
        {
          g_assert_cmpuint (n_rings, >, 100);
          g_assert_cmpuint (n_lines, >, 10);
        }
    }
}

/* Non-zero winding over all land and holes at a point, as the renderer fills. */
static int
winding_at (const AtlasBasemapLayer *layer,
            double                   x,
            double                   y)
{
  int winding = 0;

  for (guint k = 0; k < layer->shapes->len; k++)
    {
      const AtlasBasemapShape *shape = &g_array_index (layer->shapes, AtlasBasemapShape, k);
      const gint32 *pts = atlas_basemap_layer_shape_points (layer, shape);

      if (shape->kind != ATLAS_BASEMAP_SHAPE_LAND && shape->kind != ATLAS_BASEMAP_SHAPE_HOLE)
        continue;
      if (x < shape->bbox.x0 || x > shape->bbox.x1 || y < shape->bbox.y0 || y > shape->bbox.y1)
        continue;
      if (atlas_geo_ring_contains (pts, shape->n_points, x, y))
        winding += shape->kind == ATLAS_BASEMAP_SHAPE_LAND ? 1 : -1;
    }

  return winding;
}

static void
test_bundled_land_and_sea (void)
{
  double ax, ay, sx, sy, cx, cy;
  guint n_checked = 0;

  atlas_geo_project (36.2021, 37.1343, &ax, &ay);   /* Aleppo */
  atlas_geo_project (35.0, 35.0, &sx, &sy);         /* the sea off Cyprus */
  atlas_geo_project (34.9, 33.2, &cx, &cy);         /* inland Cyprus */

  for (guint i = 0; i < bundled->layers->len; i++)
    {
      const AtlasBasemapLayer *layer = g_ptr_array_index (bundled->layers, i);

      if (layer->kind != ATLAS_BASEMAP_LAYER_LAND)
        continue;
      g_assert_cmpint (winding_at (layer, ax, ay), >, 0);
      g_assert_cmpint (winding_at (layer, sx, sy), ==, 0);
      g_assert_cmpint (winding_at (layer, cx, cy), >, 0);
      n_checked++;
    }
  g_assert_cmpuint (n_checked, >=, 4);
}

static void
test_bundled_layer_choice (void)
{
  double x, y, x0, y0, x1, y1;
  guint tx, ty;
  AtlasBasemapBox tile;
  const AtlasBasemapLayer *layer;

  for (guint z = 0; z <= ATLAS_GEO_MAX_ZOOM; z++)
    {
      atlas_geo_tile_for_position (36.2021, 37.1343, z, &tx, &ty);
      atlas_geo_tile_bounds (z, tx, ty, &x0, &y0, &x1, &y1);
      tile = (AtlasBasemapBox) { (gint32) x0, (gint32) y0, (gint32) x1, (gint32) y1 };
      layer = atlas_basemap_data_land_layer_for (bundled, z, &tile);
      g_assert_nonnull (layer);
      g_assert_cmpuint (layer->min_zoom, <=, z);
      if (z >= 9)
        g_assert_cmpuint (layer->max_zoom, ==, ATLAS_GEO_MAX_ZOOM);   /* full DCW detail */
      else
        g_assert_cmpuint (layer->max_zoom, >=, z);
    }

  /* outside the eastern Mediterranean, fine zooms fall back to the world's detail */
  atlas_geo_project (40.7128, -74.006, &x, &y);
  atlas_geo_tile_for_position (40.7128, -74.006, 12, &tx, &ty);
  atlas_geo_tile_bounds (12, tx, ty, &x0, &y0, &x1, &y1);
  tile = (AtlasBasemapBox) { (gint32) x0, (gint32) y0, (gint32) x1, (gint32) y1 };
  layer = atlas_basemap_data_land_layer_for (bundled, 12, &tile);
  g_assert_nonnull (layer);
  g_assert_cmpuint (layer->max_zoom, <, 9);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;
  int ret;

  g_test_init (&argc, &argv, NULL);

  path = g_test_build_filename (G_TEST_BUILT, "..", "data", "basemap", "basemap.bin", NULL);
  if (!g_file_get_contents (path, &contents, &len, &error))
    g_error ("%s (build the basemap first)", error->message);
  bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
  bundled = atlas_basemap_data_new_from_bytes (bytes, &error);
  g_assert_no_error (error);

  g_test_add_func ("/basemap/geo/project-round-trip", test_project_round_trip);
  g_test_add_func ("/basemap/geo/tiles", test_tiles);
  g_test_add_func ("/basemap/geo/simplify-line", test_simplify_line);
  g_test_add_func ("/basemap/geo/simplify-ring", test_simplify_ring);
  g_test_add_func ("/basemap/geo/ring-predicates", test_ring_predicates);
  g_test_add_func ("/basemap/format/round-trip", test_format_round_trip);
  g_test_add_func ("/basemap/format/corrupt", test_format_corrupt);
  g_test_add_func ("/basemap/bundled/contents", test_bundled_contents);
  g_test_add_func ("/basemap/bundled/rings-valid", test_bundled_rings_valid);
  g_test_add_func ("/basemap/bundled/land-and-sea", test_bundled_land_and_sea);
  g_test_add_func ("/basemap/bundled/layer-choice", test_bundled_layer_choice);

  ret = g_test_run ();
  atlas_basemap_data_free (bundled);
  return ret;
}
