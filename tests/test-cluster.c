/* test-cluster.c — grouping of overlapping map points
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "atlas-cluster.h"

/* Aleppo's citadel and a point about 1 km east of it */
#define CITADEL_LAT 36.1990
#define CITADEL_LON 37.1627
#define EAST_LON    (CITADEL_LON + 1.0 / (111.32 * cos (CITADEL_LAT * G_PI / 180.0)))

static void
test_cluster_project_roundtrip (void)
{
  const double lats[] = { 0.0, 36.2, -33.9, 60.1, 85.0 };
  const double lons[] = { 0.0, 37.16, 151.2, -149.9, 179.9 };
  double x, y, lat, lon;

  atlas_cluster_project (0.0, 0.0, 0.0, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 128.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (y, 128.0, 1e-9);

  atlas_cluster_project (0.0, -180.0, 3.0, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 0.0, 1e-9);

  for (guint i = 0; i < G_N_ELEMENTS (lats); i++)
    {
      atlas_cluster_project (lats[i], lons[i], 12.5, &x, &y);
      atlas_cluster_unproject (x, y, 12.5, &lat, &lon);
      g_assert_cmpfloat_with_epsilon (lat, lats[i], 1e-9);
      g_assert_cmpfloat_with_epsilon (lon, lons[i], 1e-9);
    }
}

static void
test_cluster_one_km (void)
{
  const double lats[] = { CITADEL_LAT, CITADEL_LAT };
  const double lons[] = { CITADEL_LON, EAST_LON };
  const guint weights[] = { 3, 4 };
  double x0, y0, x1, y1;

  /* sanity: the two points are about 1 km apart */
  atlas_cluster_project (lats[0], lons[0], 15, &x0, &y0);
  atlas_cluster_project (lats[1], lons[1], 15, &x1, &y1);
  g_assert_cmpfloat (hypot (x1 - x0, y1 - y0), >, 150.0);

  {
    g_autoptr(AtlasClustering) z5 = atlas_clustering_new (lats, lons, weights, 2, 5.0, NULL, NULL);
    const AtlasCluster *cluster;
    const guint *members;
    guint n_members;

    g_assert_cmpuint (atlas_clustering_get_n_clusters (z5), ==, 1);
    cluster = atlas_clustering_get_cluster (z5, 0);
    g_assert_cmpuint (cluster->weight, ==, 7);
    g_assert_cmpuint (cluster->n_members, ==, 2);
    members = atlas_clustering_get_members (z5, 0, &n_members);
    g_assert_cmpuint (n_members, ==, 2);
    g_assert_cmpuint (members[0], ==, 0);
    g_assert_cmpuint (members[1], ==, 1);
    g_assert_cmpuint (atlas_clustering_lookup_point (z5, 1), ==, 0);
    /* weighted centre lies between, nearer the heavier point; the extent covers both */
    g_assert_cmpfloat (cluster->lon, >, CITADEL_LON + (EAST_LON - CITADEL_LON) / 2);
    g_assert_cmpfloat (cluster->lon, <, EAST_LON);
    g_assert_cmpfloat_with_epsilon (cluster->min_lon, CITADEL_LON, 1e-12);
    g_assert_cmpfloat_with_epsilon (cluster->max_lon, EAST_LON, 1e-12);
  }

  {
    g_autoptr(AtlasClustering) z15 = atlas_clustering_new (lats, lons, weights, 2, 15.0, NULL, NULL);
    const AtlasCluster *heavier;

    g_assert_cmpuint (atlas_clustering_get_n_clusters (z15), ==, 2);
    /* clusters come heaviest first */
    heavier = atlas_clustering_get_cluster (z15, 0);
    g_assert_cmpuint (heavier->weight, ==, 4);
    g_assert_cmpfloat_with_epsilon (heavier->lon, EAST_LON, 1e-9);
    g_assert_cmpuint (atlas_clustering_get_cluster (z15, 1)->weight, ==, 3);
    g_assert_cmpuint (atlas_clustering_lookup_point (z15, 0), ==, 1);
  }
}

static double
radius_by_weight (guint    weight,
                  gpointer user_data)
{
  return 8.0 + 4.0 * sqrt (weight);
}

static void
test_cluster_zooms (void)
{
  /* Aleppo, Damascus (~300 km), Geneva, Moscow, New York, plus two Aleppo sites */
  const double lats[] = { 36.20, 33.51, 46.20, 55.75, 40.71, 36.21, 36.19 };
  const double lons[] = { 37.16, 36.29, 6.14, 37.62, -74.00, 37.15, 37.17 };
  const guint weights[] = { 10, 2, 3, 1, 1, 5, 2 };
  guint previous = 0;

  for (int zoom = 0; zoom <= 18; zoom++)
    {
      g_autoptr(AtlasClustering) clustering = NULL;
      guint total = 0;
      guint n;

      clustering = atlas_clustering_new (lats, lons, weights, G_N_ELEMENTS (lats), zoom,
                                         radius_by_weight, NULL);
      n = atlas_clustering_get_n_clusters (clustering);

      /* counts always sum to the total, every point belongs to exactly one cluster */
      for (guint i = 0; i < n; i++)
        {
          const AtlasCluster *cluster = atlas_clustering_get_cluster (clustering, i);
          guint n_members, sum = 0;
          const guint *members = atlas_clustering_get_members (clustering, i, &n_members);

          for (guint j = 0; j < n_members; j++)
            {
              sum += weights[members[j]];
              g_assert_cmpuint (atlas_clustering_lookup_point (clustering, members[j]), ==, i);
            }
          g_assert_cmpuint (sum, ==, cluster->weight);
          total += cluster->weight;

          /* no two remaining discs overlap */
          for (guint k = i + 1; k < n; k++)
            {
              const AtlasCluster *other = atlas_clustering_get_cluster (clustering, k);

              g_assert_cmpfloat (hypot (cluster->x - other->x, cluster->y - other->y), >=,
                                 cluster->radius + other->radius);
            }
        }
      g_assert_cmpuint (total, ==, 24);

      /* zooming in never merges more */
      g_assert_cmpuint (n, >=, previous);
      previous = n;

      if (zoom == 0)
        g_assert_cmpuint (n, <=, 3);
      if (zoom == 6)
        {
          /* the Aleppo sites are one marker, Damascus its own */
          g_assert_cmpuint (atlas_clustering_lookup_point (clustering, 0), ==,
                            atlas_clustering_lookup_point (clustering, 5));
          g_assert_cmpuint (atlas_clustering_lookup_point (clustering, 0), !=,
                            atlas_clustering_lookup_point (clustering, 1));
          g_assert_cmpuint (n, ==, 5);
        }
      if (zoom == 16)
        g_assert_cmpuint (n, ==, G_N_ELEMENTS (lats));
    }
}

static void
test_cluster_empty (void)
{
  g_autoptr(AtlasClustering) clustering = atlas_clustering_new (NULL, NULL, NULL, 0, 4.0, NULL, NULL);

  g_assert_cmpuint (atlas_clustering_get_n_clusters (clustering), ==, 0);
}

static void
test_cluster_many (void)
{
  /* 20,000 points on a 1° square: fast, and everything is accounted for */
  const guint n = 20000;
  g_autofree double *lats = g_new (double, n);
  g_autofree double *lons = g_new (double, n);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  guint total = 0;

  for (guint i = 0; i < n; i++)
    {
      lats[i] = 36.0 + g_rand_double (rand);
      lons[i] = 37.0 + g_rand_double (rand);
    }

  for (int zoom = 4; zoom <= 14; zoom += 5)
    {
      g_autoptr(AtlasClustering) clustering = atlas_clustering_new (lats, lons, NULL, n, zoom,
                                                                    NULL, NULL);

      total = 0;
      for (guint i = 0; i < atlas_clustering_get_n_clusters (clustering); i++)
        total += atlas_clustering_get_cluster (clustering, i)->weight;
      g_assert_cmpuint (total, ==, n);
      if (zoom == 4)
        g_assert_cmpuint (atlas_clustering_get_n_clusters (clustering), ==, 1);
    }
}

/* ------------------------------------------------------------------------ */
/* The straightforward clustering (as it was written first: a hash table of  */
/* cells, an array of members per group) that the flat one must equal, bit  */
/* for bit                                                                  */

typedef struct {
  double  x;
  double  y;
  double  radius;
  guint   weight;
  GArray *members;
} RefGroup;

static void
ref_group_free (gpointer data)
{
  RefGroup *group = data;

  g_array_unref (group->members);
  g_free (group);
}

static int
ref_compare_groups (gconstpointer a,
                    gconstpointer b)
{
  const RefGroup *ga = *(const RefGroup * const *) a;
  const RefGroup *gb = *(const RefGroup * const *) b;
  guint first_a = g_array_index (ga->members, guint, 0);
  guint first_b = g_array_index (gb->members, guint, 0);

  if (ga->weight != gb->weight)
    return ga->weight > gb->weight ? -1 : 1;
  return first_a < first_b ? -1 : first_a > first_b;
}

static int
ref_compare_guint (gconstpointer a,
                   gconstpointer b)
{
  guint ua = *(const guint *) a;
  guint ub = *(const guint *) b;

  return ua < ub ? -1 : ua > ub;
}

static GPtrArray *
ref_merge_pass (GPtrArray *groups)
{
  g_autoptr(GHashTable) cells = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                       (GDestroyNotify) g_ptr_array_unref);
  GPtrArray *seeds = g_ptr_array_new_with_free_func (ref_group_free);
  double max_radius = 0.0;
  double cell;

  for (guint i = 0; i < groups->len; i++)
    max_radius = MAX (max_radius, ((RefGroup *) g_ptr_array_index (groups, i))->radius);
  cell = MAX (2.0 * max_radius, 1.0);
  g_ptr_array_sort (groups, ref_compare_groups);

  for (guint i = 0; i < groups->len; i++)
    {
      RefGroup *group = g_ptr_array_index (groups, i);
      gint64 cx = (gint64) floor (group->x / cell);
      gint64 cy = (gint64) floor (group->y / cell);
      RefGroup *best = NULL;
      double best_distance = G_MAXDOUBLE;

      for (gint64 dx = -1; dx <= 1; dx++)
        for (gint64 dy = -1; dy <= 1; dy++)
          {
            guint64 ux = (guint64) (cx + dx), uy = (guint64) (cy + dy);
            gint64 key = (gint64) ((ux << 32) ^ (uy & 0xffffffff));
            GPtrArray *in_cell = g_hash_table_lookup (cells, &key);

            for (guint j = 0; in_cell != NULL && j < in_cell->len; j++)
              {
                RefGroup *seed = g_ptr_array_index (in_cell, j);
                double distance = hypot (seed->x - group->x, seed->y - group->y);

                if (distance < seed->radius + group->radius && distance < best_distance)
                  {
                    best = seed;
                    best_distance = distance;
                  }
              }
          }

      if (best != NULL)
        {
          g_array_append_vals (best->members, group->members->data, group->members->len);
          best->weight += group->weight;
        }
      else
        {
          RefGroup *seed = g_new0 (RefGroup, 1);
          gint64 key = (gint64) (((guint64) cx << 32) ^ ((guint64) cy & 0xffffffff));
          GPtrArray *in_cell = g_hash_table_lookup (cells, &key);

          *seed = *group;
          seed->members = g_array_ref (group->members);
          g_ptr_array_add (seeds, seed);
          if (in_cell == NULL)
            {
              in_cell = g_ptr_array_new ();
              g_hash_table_insert (cells, g_memdup2 (&key, sizeof key), in_cell);
            }
          g_ptr_array_add (in_cell, seed);
        }
    }

  return seeds;
}

/* the groups, heaviest first, each with its members sorted */
static GPtrArray *
ref_clustering (const double           *lats,
                const double           *lons,
                const guint            *weights,
                guint                   n_points,
                double                  zoom,
                AtlasClusterRadiusFunc  radius_func,
                gpointer                user_data)
{
  GPtrArray *groups = g_ptr_array_new_with_free_func (ref_group_free);
  g_autofree double *xs = g_new (double, MAX (n_points, 1));
  g_autofree double *ys = g_new (double, MAX (n_points, 1));

  for (guint i = 0; i < n_points; i++)
    {
      RefGroup *group = g_new0 (RefGroup, 1);

      atlas_cluster_project (lats[i], lons[i], zoom, &xs[i], &ys[i]);
      group->x = xs[i];
      group->y = ys[i];
      group->weight = weights != NULL ? weights[i] : 1;
      group->radius = radius_func != NULL ? radius_func (group->weight, user_data) : 10.0;
      group->members = g_array_new (FALSE, FALSE, sizeof (guint));
      g_array_append_val (group->members, i);
      g_ptr_array_add (groups, group);
    }

  for (guint pass = 0; pass < 8 && groups->len > 1; pass++)
    {
      guint before = groups->len;
      GPtrArray *merged = ref_merge_pass (groups);

      g_ptr_array_unref (groups);
      groups = merged;
      for (guint i = 0; i < groups->len; i++)
        {
          RefGroup *group = g_ptr_array_index (groups, i);
          double sx = 0.0, sy = 0.0, sw = 0.0;

          for (guint j = 0; j < group->members->len; j++)
            {
              guint p = g_array_index (group->members, guint, j);
              double w = weights != NULL ? MAX (weights[p], 1) : 1.0;

              sx += xs[p] * w;
              sy += ys[p] * w;
              sw += w;
            }
          group->x = sx / sw;
          group->y = sy / sw;
          group->radius = radius_func != NULL ? radius_func (group->weight, user_data) : 10.0;
        }
      if (groups->len == before)
        break;
    }

  g_ptr_array_sort (groups, ref_compare_groups);
  for (guint i = 0; i < groups->len; i++)
    g_array_sort (((RefGroup *) g_ptr_array_index (groups, i))->members, ref_compare_guint);

  return groups;
}

/* a radius that grows with the weight, as the map's markers do */
static double
growing_radius (guint    weight,
                gpointer user_data)
{
  return 9.0 + MIN (17.0, 2.0 * sqrt ((double) weight));
}

static void
assert_same_as_reference (const double           *lats,
                          const double           *lons,
                          const guint            *weights,
                          guint                   n,
                          double                  zoom,
                          AtlasClusterRadiusFunc  radius_func)
{
  g_autoptr(AtlasClustering) clustering = atlas_clustering_new (lats, lons, weights, n, zoom,
                                                                radius_func, NULL);
  g_autoptr(GPtrArray) reference = ref_clustering (lats, lons, weights, n, zoom, radius_func, NULL);

  g_assert_cmpuint (atlas_clustering_get_n_clusters (clustering), ==, reference->len);
  for (guint i = 0; i < reference->len; i++)
    {
      const RefGroup *expected = g_ptr_array_index (reference, i);
      const AtlasCluster *cluster = atlas_clustering_get_cluster (clustering, i);
      const guint *members;
      guint n_members;
      double lat, lon;

      /* exactly equal, not nearly: the same arithmetic in the same order */
      g_assert_true (cluster->x == expected->x);
      g_assert_true (cluster->y == expected->y);
      g_assert_true (cluster->radius == expected->radius);
      g_assert_cmpuint (cluster->weight, ==, expected->weight);
      g_assert_cmpuint (cluster->n_members, ==, expected->members->len);
      atlas_cluster_unproject (expected->x, expected->y, zoom, &lat, &lon);
      g_assert_true (cluster->lat == lat);
      g_assert_true (cluster->lon == lon);

      members = atlas_clustering_get_members (clustering, i, &n_members);
      g_assert_cmpuint (n_members, ==, expected->members->len);
      for (guint j = 0; j < n_members; j++)
        {
          g_assert_cmpuint (members[j], ==, g_array_index (expected->members, guint, j));
          g_assert_cmpuint (atlas_clustering_lookup_point (clustering, members[j]), ==, i);
        }
    }
}

static void
test_cluster_same_as_reference (void)
{
  const guint n = 2500;
  g_autofree double *lats = g_new (double, n);
  g_autofree double *lons = g_new (double, n);
  g_autofree guint *weights = g_new (guint, n);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  /* places over a country, some on top of each other (equal weights and equal
   * distances must break ties the same way), weights from 0 to thousands */
  for (guint i = 0; i < n; i++)
    {
      if (i > 0 && g_rand_int_range (rand, 0, 10) == 0)
        {
          guint j = g_rand_int_range (rand, 0, i);

          lats[i] = lats[j];
          lons[i] = lons[j];
        }
      else
        {
          lats[i] = 32.0 + 5.0 * g_rand_double (rand);
          lons[i] = 35.5 + 6.5 * g_rand_double (rand);
        }
      weights[i] = g_rand_int_range (rand, 0, 4) == 0 ? g_rand_int_range (rand, 1000, 5000)
                                                      : g_rand_int_range (rand, 0, 40);
    }

  for (int zoom = 0; zoom <= 18; zoom += 3)
    {
      assert_same_as_reference (lats, lons, weights, n, zoom, growing_radius);
      assert_same_as_reference (lats, lons, NULL, n, zoom, NULL);
      assert_same_as_reference (lats, lons, weights, 1, zoom, growing_radius);
    }

  /* the whole world, across the antimeridian and the poles' cut-off */
  for (guint i = 0; i < n; i++)
    {
      lats[i] = -89.0 + 178.0 * g_rand_double (rand);
      lons[i] = -180.0 + 360.0 * g_rand_double (rand);
    }
  for (int zoom = 0; zoom <= 8; zoom += 2)
    assert_same_as_reference (lats, lons, weights, n, zoom + 0.5, growing_radius);

  /* a lattice along one parallel, equal weights: a point midway between two
   * seeds is equally far from both, and must join the same one */
  for (guint i = 0; i < n; i++)
    {
      lats[i] = 0.0;
      lons[i] = -180.0 + 360.0 * (i % 256) / 256.0 + (i >= 256 ? 360.0 / 512.0 : 0.0);
    }
  for (int zoom = 0; zoom <= 6; zoom++)
    {
      assert_same_as_reference (lats, lons, NULL, 512, zoom, NULL);
      assert_same_as_reference (lats, lons, NULL, 512, zoom + 0.4, NULL);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cluster/project/roundtrip", test_cluster_project_roundtrip);
  g_test_add_func ("/cluster/one-km", test_cluster_one_km);
  g_test_add_func ("/cluster/zooms", test_cluster_zooms);
  g_test_add_func ("/cluster/empty", test_cluster_empty);
  g_test_add_func ("/cluster/many", test_cluster_many);
  g_test_add_func ("/cluster/same-as-reference", test_cluster_same_as_reference);

  return g_test_run ();
}
