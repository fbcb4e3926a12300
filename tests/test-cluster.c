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

  return g_test_run ();
}
