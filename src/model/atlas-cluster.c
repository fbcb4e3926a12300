/* atlas-cluster.c — grouping of map points that overlap at a zoom level
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "atlas-model"

#include "config.h"

#include <math.h>

#include "atlas-cluster.h"

#define DEFAULT_RADIUS 10.0
#define MAX_PASSES     8

struct _AtlasClustering
{
  double        zoom;
  GArray       *clusters;     /* AtlasCluster */
  guint        *offsets;      /* n_clusters + 1 offsets into members */
  guint        *members;      /* point indexes, grouped by cluster */
  guint        *point_cluster;
  guint         n_points;
};

/* A cluster while it is being built */
typedef struct {
  double  x;
  double  y;
  double  radius;
  guint   weight;
  GArray *members;            /* guint point indexes */
} Group;

static double
world_size (double zoom)
{
  return ATLAS_CLUSTER_TILE_SIZE * exp2 (zoom);
}

void
atlas_cluster_project (double  lat,
                       double  lon,
                       double  zoom,
                       double *x,
                       double *y)
{
  double size = world_size (zoom);
  double s;

  g_return_if_fail (x != NULL && y != NULL);

  lat = CLAMP (lat, -ATLAS_CLUSTER_MAX_LATITUDE, ATLAS_CLUSTER_MAX_LATITUDE);
  s = sin (lat * G_PI / 180.0);

  *x = (lon + 180.0) / 360.0 * size;
  *y = (0.5 - log ((1.0 + s) / (1.0 - s)) / (4.0 * G_PI)) * size;
}

void
atlas_cluster_unproject (double  x,
                         double  y,
                         double  zoom,
                         double *lat,
                         double *lon)
{
  double size = world_size (zoom);
  double n;

  g_return_if_fail (lat != NULL && lon != NULL);

  *lon = x / size * 360.0 - 180.0;
  n = G_PI - 2.0 * G_PI * y / size;
  *lat = 180.0 / G_PI * atan (sinh (n));
}

static double
radius_for (AtlasClusterRadiusFunc radius_func,
            gpointer               user_data,
            guint                  weight)
{
  return radius_func != NULL ? radius_func (weight, user_data) : DEFAULT_RADIUS;
}

static gint64
cell_key (gint64 cx,
          gint64 cy)
{
  /* world pixel cells at zoom ≤ 24 fit comfortably in 31 bits each */
  return (cx << 32) ^ (cy & 0xffffffff);
}

static int
compare_groups_by_weight (gconstpointer a,
                          gconstpointer b)
{
  const Group *ga = *(const Group * const *) a;
  const Group *gb = *(const Group * const *) b;
  guint first_a = g_array_index (ga->members, guint, 0);
  guint first_b = g_array_index (gb->members, guint, 0);

  if (ga->weight != gb->weight)
    return ga->weight > gb->weight ? -1 : 1;

  /* stable: ties by their first point */
  return first_a < first_b ? -1 : first_a > first_b;
}

static void
group_free (gpointer data)
{
  Group *group = data;

  g_array_unref (group->members);
  g_free (group);
}

static int
compare_guint (gconstpointer a,
               gconstpointer b)
{
  guint ua = *(const guint *) a;
  guint ub = *(const guint *) b;

  return ua < ub ? -1 : ua > ub;
}

/* One greedy pass: returns a new array of groups (taking the members of @groups). */
static GPtrArray *
merge_pass (GPtrArray *groups)
{
  g_autoptr(GHashTable) cells = NULL;
  GPtrArray *seeds;
  double max_radius = 0.0;
  double cell;

  for (guint i = 0; i < groups->len; i++)
    max_radius = MAX (max_radius, ((Group *) g_ptr_array_index (groups, i))->radius);

  cell = MAX (2.0 * max_radius, 1.0);
  cells = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                 (GDestroyNotify) g_ptr_array_unref);
  seeds = g_ptr_array_new_with_free_func (group_free);

  g_ptr_array_sort (groups, compare_groups_by_weight);

  for (guint i = 0; i < groups->len; i++)
    {
      Group *group = g_ptr_array_index (groups, i);
      gint64 cx = (gint64) floor (group->x / cell);
      gint64 cy = (gint64) floor (group->y / cell);
      Group *best = NULL;
      double best_distance = G_MAXDOUBLE;

      for (gint64 dx = -1; dx <= 1; dx++)
        for (gint64 dy = -1; dy <= 1; dy++)
          {
            gint64 key = cell_key (cx + dx, cy + dy);
            GPtrArray *in_cell = g_hash_table_lookup (cells, &key);

            if (in_cell == NULL)
              continue;

            for (guint j = 0; j < in_cell->len; j++)
              {
                Group *seed = g_ptr_array_index (in_cell, j);
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
          /* the seed keeps its place during the pass; centres are recomputed after */
          g_array_append_vals (best->members, group->members->data, group->members->len);
          best->weight += group->weight;
        }
      else
        {
          Group *seed = g_new0 (Group, 1);
          gint64 key = cell_key (cx, cy);
          GPtrArray *in_cell = g_hash_table_lookup (cells, &key);

          seed->x = group->x;
          seed->y = group->y;
          seed->radius = group->radius;
          seed->weight = group->weight;
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

AtlasClustering *
atlas_clustering_new (const double           *lats,
                      const double           *lons,
                      const guint            *weights,
                      guint                   n_points,
                      double                  zoom,
                      AtlasClusterRadiusFunc  radius_func,
                      gpointer                user_data)
{
  g_autoptr(GPtrArray) groups = NULL;
  g_autofree double *xs = NULL;
  g_autofree double *ys = NULL;
  AtlasClustering *self;
  guint offset = 0;

  g_return_val_if_fail (n_points == 0 || (lats != NULL && lons != NULL), NULL);

  xs = g_new (double, MAX (n_points, 1));
  ys = g_new (double, MAX (n_points, 1));
  groups = g_ptr_array_new_with_free_func (group_free);

  for (guint i = 0; i < n_points; i++)
    {
      Group *group = g_new0 (Group, 1);

      atlas_cluster_project (lats[i], lons[i], zoom, &xs[i], &ys[i]);
      group->x = xs[i];
      group->y = ys[i];
      group->weight = weights != NULL ? weights[i] : 1;
      group->radius = radius_for (radius_func, user_data, group->weight);
      group->members = g_array_new (FALSE, FALSE, sizeof (guint));
      g_array_append_val (group->members, i);
      g_ptr_array_add (groups, group);
    }

  for (guint pass = 0; pass < MAX_PASSES && groups->len > 1; pass++)
    {
      guint before = groups->len;
      GPtrArray *merged = merge_pass (groups);

      g_ptr_array_unref (groups);
      groups = merged;

      /* centres move to the weighted mean of their members; discs grow */
      for (guint i = 0; i < groups->len; i++)
        {
          Group *group = g_ptr_array_index (groups, i);
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
          group->radius = radius_for (radius_func, user_data, group->weight);
        }

      if (groups->len == before)
        break;
    }

  g_ptr_array_sort (groups, compare_groups_by_weight);

  self = g_new0 (AtlasClustering, 1);
  self->zoom = zoom;
  self->n_points = n_points;
  self->clusters = g_array_sized_new (FALSE, TRUE, sizeof (AtlasCluster), groups->len);
  self->offsets = g_new (guint, groups->len + 1);
  self->members = g_new (guint, MAX (n_points, 1));
  self->point_cluster = g_new (guint, MAX (n_points, 1));

  for (guint i = 0; i < groups->len; i++)
    {
      Group *group = g_ptr_array_index (groups, i);
      AtlasCluster cluster = { 0, };

      g_array_sort (group->members, compare_guint);

      cluster.x = group->x;
      cluster.y = group->y;
      cluster.radius = group->radius;
      cluster.weight = group->weight;
      cluster.n_members = group->members->len;
      cluster.min_lat = cluster.min_lon = G_MAXDOUBLE;
      cluster.max_lat = cluster.max_lon = -G_MAXDOUBLE;
      atlas_cluster_unproject (group->x, group->y, zoom, &cluster.lat, &cluster.lon);

      self->offsets[i] = offset;
      for (guint j = 0; j < group->members->len; j++)
        {
          guint p = g_array_index (group->members, guint, j);

          cluster.min_lat = MIN (cluster.min_lat, lats[p]);
          cluster.max_lat = MAX (cluster.max_lat, lats[p]);
          cluster.min_lon = MIN (cluster.min_lon, lons[p]);
          cluster.max_lon = MAX (cluster.max_lon, lons[p]);
          self->members[offset++] = p;
          self->point_cluster[p] = i;
        }

      g_array_append_val (self->clusters, cluster);
    }
  self->offsets[groups->len] = offset;

  return self;
}

void
atlas_clustering_free (AtlasClustering *self)
{
  if (self == NULL)
    return;

  g_array_unref (self->clusters);
  g_free (self->offsets);
  g_free (self->members);
  g_free (self->point_cluster);
  g_free (self);
}

double
atlas_clustering_get_zoom (AtlasClustering *self)
{
  g_return_val_if_fail (self != NULL, 0.0);

  return self->zoom;
}

guint
atlas_clustering_get_n_clusters (AtlasClustering *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->clusters->len;
}

const AtlasCluster *
atlas_clustering_get_cluster (AtlasClustering *self,
                              guint            i)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (i < self->clusters->len, NULL);

  return &g_array_index (self->clusters, AtlasCluster, i);
}

const guint *
atlas_clustering_get_members (AtlasClustering *self,
                              guint            i,
                              guint           *n_members)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (i < self->clusters->len, NULL);

  if (n_members != NULL)
    *n_members = self->offsets[i + 1] - self->offsets[i];

  return self->members + self->offsets[i];
}

guint
atlas_clustering_lookup_point (AtlasClustering *self,
                               guint            point)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (point < self->n_points, 0);

  return self->point_cluster[point];
}
