/* atlas-cluster.h — grouping of map points that overlap at a zoom level
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure maths, no GTK.  Points are projected to Web Mercator world pixels
 * (256 pixel tiles, as libshumate's default sources) at a zoom level; points
 * whose discs overlap there are merged by greedy grid clustering: the heaviest
 * point seeds a cluster, lighter points within reach join the nearest seed, and
 * passes repeat with the grown clusters until nothing more merges.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ATLAS_CLUSTER_TILE_SIZE 256.0
/* Web Mercator's latitude limit */
#define ATLAS_CLUSTER_MAX_LATITUDE 85.0511287798

/* world pixel coordinates of (@lat, @lon) at @zoom: x in [0, 256·2^zoom) */
void   atlas_cluster_project   (double  lat,
                                double  lon,
                                double  zoom,
                                double *x,
                                double *y);
void   atlas_cluster_unproject (double  x,
                                double  y,
                                double  zoom,
                                double *lat,
                                double *lon);

/* radius in pixels of the disc drawn for a marker of @weight */
typedef double (*AtlasClusterRadiusFunc) (guint    weight,
                                          gpointer user_data);

typedef struct {
  double lat;          /* weighted centre */
  double lon;
  double x;            /* the centre in world pixels at the clustering's zoom */
  double y;
  double radius;       /* radius_func (weight) */
  guint  weight;       /* sum of the members' weights */
  guint  n_members;
  /* extent of the members' positions */
  double min_lat;
  double min_lon;
  double max_lat;
  double max_lon;
} AtlasCluster;

typedef struct _AtlasClustering AtlasClustering;

/* Groups @n_points points (@lats, @lons, @weights; weights may be NULL for 1
 * each) at @zoom.  Two discs overlap when the distance between their centres is
 * below the sum of their radii.  With a NULL @radius_func every disc has radius 10. */
AtlasClustering    *atlas_clustering_new          (const double           *lats,
                                                   const double           *lons,
                                                   const guint            *weights,
                                                   guint                   n_points,
                                                   double                  zoom,
                                                   AtlasClusterRadiusFunc  radius_func,
                                                   gpointer                user_data);
void                atlas_clustering_free         (AtlasClustering *self);
double              atlas_clustering_get_zoom     (AtlasClustering *self);
guint               atlas_clustering_get_n_clusters (AtlasClustering *self);
/* clusters in decreasing weight order; borrowed */
const AtlasCluster *atlas_clustering_get_cluster  (AtlasClustering *self,
                                                   guint            i);
/* indexes of the points in cluster @i, ascending; borrowed */
const guint        *atlas_clustering_get_members  (AtlasClustering *self,
                                                   guint            i,
                                                   guint           *n_members);
/* the cluster that holds point @point */
guint               atlas_clustering_lookup_point (AtlasClustering *self,
                                                   guint            point);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasClustering, atlas_clustering_free)

G_END_DECLS
