/* atlas-cluster.c — grouping of map points that overlap at a zoom level
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "atlas-model"

#include "config.h"

#include <math.h>
#include <stdlib.h>

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

/* A cluster while it is being built: its members are a chain through the
 * clustering's next[] array, in the order they joined (the centre sums them in
 * that order) */
typedef struct {
  double x;
  double y;
  double radius;
  guint  weight;
  guint  head;                /* first member: also the tie-break between equal weights */
  guint  tail;
} Group;

#define NO_POINT G_MAXUINT

/* The seeds of a pass by grid cell: open addressing over the cell keys, each
 * cell's seeds chained in the order they were placed (a flat replacement for a
 * hash table of arrays: no allocation per cell or per seed) */
typedef struct {
  gint64 *keys;
  guint  *first;              /* first seed in the cell, NO_POINT: free slot */
  guint  *last;
  guint  *next_seed;          /* per seed: the next one in its cell */
  guint   mask;
} Grid;

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
  /* world pixel cells at zoom ≤ 24 fit comfortably in 31 bits each; the
   * neighbours of cell 0 are -1: shifted as unsigned (a negative value shifted
   * left is undefined) */
  return (gint64) (((guint64) cx << 32) ^ ((guint64) cy & 0xffffffff));
}

static int
compare_groups_by_weight (gconstpointer a,
                          gconstpointer b)
{
  const Group *ga = a;
  const Group *gb = b;

  if (ga->weight != gb->weight)
    return ga->weight > gb->weight ? -1 : 1;

  /* a total order (every point is the first member of one group at most), so
   * any sort gives the same sequence: ties by their first point */
  return ga->head < gb->head ? -1 : ga->head > gb->head;
}

static int
compare_guint (gconstpointer a,
               gconstpointer b)
{
  guint ua = *(const guint *) a;
  guint ub = *(const guint *) b;

  return ua < ub ? -1 : ua > ub;
}

static void
grid_init (Grid  *grid,
           guint  n_groups)
{
  guint size = 16;

  while (size < 2 * n_groups)
    size *= 2;

  grid->mask = size - 1;
  grid->keys = g_new (gint64, size);
  grid->first = g_new (guint, size);
  grid->last = g_new (guint, size);
  grid->next_seed = g_new (guint, MAX (n_groups, 1));
}

static void
grid_clear (Grid *grid)
{
  g_free (grid->keys);
  g_free (grid->first);
  g_free (grid->last);
  g_free (grid->next_seed);
}

/* the slot of @key: where it is, or the free slot where it would go */
static guint
grid_slot (const Grid *grid,
           gint64      key)
{
  guint64 hash = (guint64) key * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  guint slot = (guint) (hash >> 32) & grid->mask;

  while (grid->first[slot] != NO_POINT && grid->keys[slot] != key)
    slot = (slot + 1) & grid->mask;

  return slot;
}

/* One greedy pass over @groups (sorted here, heaviest first) into @seeds;
 * returns the number of seeds.  Members move by relinking their chains. */
static guint
merge_pass (Group *groups,
            guint  n_groups,
            guint *next,
            Grid  *grid,
            Group *seeds)
{
  double max_radius = 0.0;
  guint n_seeds = 0;
  double cell;

  for (guint i = 0; i < n_groups; i++)
    max_radius = MAX (max_radius, groups[i].radius);

  /* a seed within reach of a group (closer than the sum of their radii) lies
   * in the group's cell or one of its eight neighbours */
  cell = MAX (2.0 * max_radius, 1.0);
  for (guint slot = 0; slot <= grid->mask; slot++)
    grid->first[slot] = NO_POINT;

  qsort (groups, n_groups, sizeof (Group), compare_groups_by_weight);

  for (guint i = 0; i < n_groups; i++)
    {
      const Group *group = &groups[i];
      gint64 cx = (gint64) floor (group->x / cell);
      gint64 cy = (gint64) floor (group->y / cell);
      Group *best = NULL;
      double best_distance = G_MAXDOUBLE;

      for (gint64 dx = -1; dx <= 1; dx++)
        for (gint64 dy = -1; dy <= 1; dy++)
          {
            guint slot = grid_slot (grid, cell_key (cx + dx, cy + dy));

            for (guint s = grid->first[slot]; s != NO_POINT; s = grid->next_seed[s])
              {
                Group *seed = &seeds[s];
                double reach = seed->radius + group->radius;
                double distance;

                /* hypot() is never below either leg: the far ones need no hypot() */
                if (fabs (seed->x - group->x) >= reach || fabs (seed->y - group->y) >= reach)
                  continue;

                distance = hypot (seed->x - group->x, seed->y - group->y);
                if (distance < reach && distance < best_distance)
                  {
                    best = seed;
                    best_distance = distance;
                  }
              }
          }

      if (best != NULL)
        {
          /* the seed keeps its place during the pass; centres are recomputed after */
          next[best->tail] = group->head;
          best->tail = group->tail;
          best->weight += group->weight;
        }
      else
        {
          guint slot = grid_slot (grid, cell_key (cx, cy));

          seeds[n_seeds] = *group;
          grid->next_seed[n_seeds] = NO_POINT;
          if (grid->first[slot] == NO_POINT)
            {
              grid->keys[slot] = cell_key (cx, cy);
              grid->first[slot] = n_seeds;
            }
          else
            grid->next_seed[grid->last[slot]] = n_seeds;
          grid->last[slot] = n_seeds;
          n_seeds++;
        }
    }

  return n_seeds;
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
  g_autofree double *xs = NULL;
  g_autofree double *ys = NULL;
  g_autofree guint *next = NULL;
  g_autofree Group *groups = NULL;
  g_autofree Group *seeds = NULL;
  AtlasClustering *self;
  guint n_groups = n_points;
  guint offset = 0;
  Grid grid;

  g_return_val_if_fail (n_points == 0 || (lats != NULL && lons != NULL), NULL);

  xs = g_new (double, MAX (n_points, 1));
  ys = g_new (double, MAX (n_points, 1));
  next = g_new (guint, MAX (n_points, 1));
  groups = g_new (Group, MAX (n_points, 1));
  seeds = g_new (Group, MAX (n_points, 1));
  grid_init (&grid, n_points);

  for (guint i = 0; i < n_points; i++)
    {
      Group *group = &groups[i];

      atlas_cluster_project (lats[i], lons[i], zoom, &xs[i], &ys[i]);
      group->x = xs[i];
      group->y = ys[i];
      group->weight = weights != NULL ? weights[i] : 1;
      group->radius = radius_for (radius_func, user_data, group->weight);
      group->head = group->tail = i;
      next[i] = NO_POINT;
    }

  for (guint pass = 0; pass < MAX_PASSES && n_groups > 1; pass++)
    {
      guint before = n_groups;
      Group *swap;

      n_groups = merge_pass (groups, n_groups, next, &grid, seeds);
      swap = groups;
      groups = seeds;
      seeds = swap;

      /* centres move to the weighted mean of their members; discs grow */
      for (guint i = 0; i < n_groups; i++)
        {
          Group *group = &groups[i];
          double sx = 0.0, sy = 0.0, sw = 0.0;

          for (guint p = group->head; p != NO_POINT; p = next[p])
            {
              double w = weights != NULL ? MAX (weights[p], 1) : 1.0;

              sx += xs[p] * w;
              sy += ys[p] * w;
              sw += w;
            }
          group->x = sx / sw;
          group->y = sy / sw;
          group->radius = radius_for (radius_func, user_data, group->weight);
        }

      if (n_groups == before)
        break;
    }
  grid_clear (&grid);

  qsort (groups, n_groups, sizeof (Group), compare_groups_by_weight);

  self = g_new0 (AtlasClustering, 1);
  self->zoom = zoom;
  self->n_points = n_points;
  self->clusters = g_array_sized_new (FALSE, TRUE, sizeof (AtlasCluster), n_groups);
  self->offsets = g_new (guint, n_groups + 1);
  self->members = g_new (guint, MAX (n_points, 1));
  self->point_cluster = g_new (guint, MAX (n_points, 1));

  for (guint i = 0; i < n_groups; i++)
    {
      const Group *group = &groups[i];
      AtlasCluster cluster = { 0, };
      guint n_members = 0;

      self->offsets[i] = offset;
      for (guint p = group->head; p != NO_POINT; p = next[p])
        self->members[offset + n_members++] = p;
      qsort (self->members + offset, n_members, sizeof (guint), compare_guint);

      cluster.x = group->x;
      cluster.y = group->y;
      cluster.radius = group->radius;
      cluster.weight = group->weight;
      cluster.n_members = n_members;
      cluster.min_lat = cluster.min_lon = G_MAXDOUBLE;
      cluster.max_lat = cluster.max_lon = -G_MAXDOUBLE;
      atlas_cluster_unproject (group->x, group->y, zoom, &cluster.lat, &cluster.lon);

      for (guint j = 0; j < n_members; j++)
        {
          guint p = self->members[offset + j];

          cluster.min_lat = MIN (cluster.min_lat, lats[p]);
          cluster.max_lat = MAX (cluster.max_lat, lats[p]);
          cluster.min_lon = MIN (cluster.min_lon, lons[p]);
          cluster.max_lon = MAX (cluster.max_lon, lons[p]);
          self->point_cluster[p] = i;
        }
      offset += n_members;

      g_array_append_val (self->clusters, cluster);
    }
  self->offsets[n_groups] = offset;

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
