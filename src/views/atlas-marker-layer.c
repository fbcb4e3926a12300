/* atlas-marker-layer.c — one map layer that draws every place marker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "atlas-map"

#include "config.h"

#include <math.h>

#include <adwaita.h>

#include "atlas-cluster.h"
#include "atlas-marker-layer.h"
#include "atlas-palette.h"
#include "atlas-view-context.h"

#define MARKER_MIN_RADIUS  9.0
#define MARKER_MAX_RADIUS 26.0
#define OUTLINE_WIDTH      2.0
#define RING_GAP           1.5
#define RING_WIDTH         3.5
#define MAX_CACHED_ZOOM   24
/* beyond this many location × category counters, colour by the first event */
#define MAX_CATEGORY_CELLS (4 * 1024 * 1024)
#define NO_INDEX G_MAXUINT

typedef struct {
  AtlasClustering *clustering;
  guint           *locations;   /* location index per member, in the clustering's member order */
  guint           *dominant;    /* category id per cluster */
} ZoomCache;

struct _AtlasMarkerLayer
{
  ShumateLayer     parent_instance;

  /* owned references */
  AtlasContext    *context;
  AtlasDataset    *dataset;

  /* categories of the dataset: id → name; the id n_named stands for "none" */
  GPtrArray       *category_names;
  guint           *event_category;    /* per event */
  guint           *event_place_start; /* per event + 1: where its places start in event_places */
  guint           *event_places;      /* location indexes of each event, each place once */
  guint            n_categories;      /* named ones + 1 */

  /* per location */
  guint            n_locations;
  guint           *counts;
  guint           *category_counts;   /* n_locations × n_categories, or NULL */
  guint           *first_category;    /* per location, when category_counts is NULL */
  guint8          *highlighted;
  guint           *location_point;    /* location → point index, or NO_INDEX */
  guint            max_count;

  /* points handed to the clustering: the locations with visible events */
  guint            n_points;
  guint           *point_location;
  double          *point_lat;
  double          *point_lon;
  guint           *point_weight;

  ZoomCache       *zoom_cache[MAX_CACHED_ZOOM + 1];

  /* borrowed */
  AtlasSelection  *selection;
};

G_DEFINE_FINAL_TYPE (AtlasMarkerLayer, atlas_marker_layer, SHUMATE_TYPE_LAYER)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_N_MARKERS,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
is_dark (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
}

static void
zoom_cache_free (ZoomCache *cache)
{
  if (cache == NULL)
    return;

  atlas_clustering_free (cache->clustering);
  g_free (cache->locations);
  g_free (cache->dominant);
  g_free (cache);
}

static void
clear_zoom_cache (AtlasMarkerLayer *self)
{
  for (guint z = 0; z <= MAX_CACHED_ZOOM; z++)
    g_clear_pointer (&self->zoom_cache[z], zoom_cache_free);
}

static guint
count_digits (guint n)
{
  guint digits = 1;

  while (n >= 10)
    {
      n /= 10;
      digits++;
    }

  return digits;
}

static double
marker_radius (guint    weight,
               gpointer user_data)
{
  AtlasMarkerLayer *self = user_data;
  double reference = MAX (self->max_count, 12);
  double radius = MARKER_MIN_RADIUS;

  /* area ∝ count, relative to the busiest place, so a dataset of a million
   * events still shows one event as a small dot and the busiest as the largest */
  if (weight > 1)
    radius += (MARKER_MAX_RADIUS - MARKER_MIN_RADIUS) * sqrt ((weight - 1) / (reference - 1));
  radius = MIN (radius, MARKER_MAX_RADIUS);

  /* room for the number inside ("12k" above 9999) */
  if (weight > 1)
    radius = MAX (radius, 5.0 + 3.4 * MIN (count_digits (weight), 4));

  return radius;
}

static void
rebuild_categories (AtlasMarkerLayer *self)
{
  g_autoptr(GHashTable) ids = NULL;
  g_autoptr(GArray) places = NULL;
  guint n_events;

  g_clear_pointer (&self->category_names, g_ptr_array_unref);
  g_clear_pointer (&self->event_category, g_free);
  g_clear_pointer (&self->event_place_start, g_free);
  g_clear_pointer (&self->event_places, g_free);
  self->n_categories = 1;

  if (self->dataset == NULL)
    return;

  ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->category_names = g_ptr_array_new_with_free_func (g_free);
  n_events = atlas_dataset_get_n_events (self->dataset);
  self->event_category = g_new (guint, MAX (n_events, 1));
  self->event_place_start = g_new (guint, n_events + 1);
  places = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_events + n_events / 2);

  for (guint i = 0; i < n_events; i++)
    {
      AtlasEvent *event = atlas_dataset_get_event (self->dataset, i);
      const char *category = atlas_event_get_category (event);
      guint n_places = atlas_event_get_n_places (event);
      gpointer id;

      /* the places of each event in one array: counting the visible events then
       * touches no event object (a recount after a filter change walks tens of
       * thousands of them) */
      self->event_place_start[i] = places->len;
      for (guint p = 0; p < n_places; p++)
        {
          guint index = atlas_location_get_index (atlas_event_get_place (event, p, NULL));
          gboolean seen = FALSE;

          /* an event naming the same place twice (occurred and about) counts once */
          for (guint q = self->event_place_start[i]; q < places->len && !seen; q++)
            seen = g_array_index (places, guint, q) == index;
          if (!seen)
            g_array_append_val (places, index);
        }

      if (category == NULL)
        {
          self->event_category[i] = NO_INDEX;
          continue;
        }

      if (!g_hash_table_lookup_extended (ids, category, NULL, &id))
        {
          char *name = g_strdup (category);

          id = GUINT_TO_POINTER (self->category_names->len);
          g_ptr_array_add (self->category_names, name);
          g_hash_table_insert (ids, name, id);
        }
      self->event_category[i] = GPOINTER_TO_UINT (id);
    }

  self->event_place_start[n_events] = places->len;
  self->event_places = (guint *) (void *) g_array_free (g_steal_pointer (&places), FALSE);

  self->n_categories = self->category_names->len + 1;
  for (guint i = 0; i < n_events; i++)
    if (self->event_category[i] == NO_INDEX)
      self->event_category[i] = self->category_names->len;
}

static void
recompute_highlight (AtlasMarkerLayer *self)
{
  guint n_selected;

  if (self->highlighted != NULL)
    memset (self->highlighted, 0, self->n_locations);

  if (self->selection == NULL || self->highlighted == NULL)
    return;

  n_selected = atlas_selection_get_n_events (self->selection);
  for (guint i = 0; i < n_selected; i++)
    {
      AtlasEvent *event = atlas_selection_get_event (self->selection, i);
      guint n_places = atlas_event_get_n_places (event);

      for (guint p = 0; p < n_places; p++)
        {
          AtlasLocation *location = atlas_event_get_place (event, p, NULL);
          guint index = atlas_location_get_index (location);

          if (index < self->n_locations)
            self->highlighted[index] = TRUE;
        }
    }
}

static void
free_counts (AtlasMarkerLayer *self)
{
  clear_zoom_cache (self);
  g_clear_pointer (&self->counts, g_free);
  g_clear_pointer (&self->category_counts, g_free);
  g_clear_pointer (&self->first_category, g_free);
  g_clear_pointer (&self->highlighted, g_free);
  g_clear_pointer (&self->location_point, g_free);
  g_clear_pointer (&self->point_location, g_free);
  g_clear_pointer (&self->point_lat, g_free);
  g_clear_pointer (&self->point_lon, g_free);
  g_clear_pointer (&self->point_weight, g_free);
  self->n_locations = 0;
  self->n_points = 0;
  self->max_count = 0;
}

/* Counts the visible events of each location (any role), and their categories. */
static void
recompute_counts (AtlasMarkerLayer *self)
{
  AtlasDataset *dataset = self->context != NULL ? atlas_context_get_dataset (self->context) : NULL;
  const guint *visible;
  guint n_visible = 0;

  if (dataset != self->dataset)
    {
      g_set_object (&self->dataset, dataset);
      rebuild_categories (self);
    }

  free_counts (self);

  if (self->dataset == NULL)
    return;

  self->n_locations = g_list_model_get_n_items (atlas_dataset_get_locations (self->dataset));
  self->counts = g_new0 (guint, MAX (self->n_locations, 1));
  self->highlighted = g_new0 (guint8, MAX (self->n_locations, 1));
  self->location_point = g_new (guint, MAX (self->n_locations, 1));
  if ((gsize) self->n_locations * self->n_categories <= MAX_CATEGORY_CELLS)
    self->category_counts = g_new0 (guint, MAX ((gsize) self->n_locations * self->n_categories, 1));
  else
    self->first_category = g_new (guint, MAX (self->n_locations, 1));

  visible = atlas_context_get_visible (self->context, &n_visible);

  /* Many visible events: walk each place's posting list against the visible
   * bitset (sequential, no event objects touched); few: walk the events. */
  if (n_visible > atlas_dataset_get_n_events (self->dataset) / 16)
    {
      const guint64 *bits = atlas_context_get_visible_bits (self->context);

      for (guint l = 0; l < self->n_locations; l++)
        {
          const guint *events;
          guint n;

          events = atlas_dataset_get_location_events (self->dataset,
                                                      atlas_dataset_get_location (self->dataset, l),
                                                      &n);
          for (guint i = 0; i < n; i++)
            {
              guint e = events[i];

              if (((bits[e / 64] >> (e % 64)) & 1) == 0)
                continue;
              if (self->category_counts != NULL)
                self->category_counts[(gsize) l * self->n_categories + self->event_category[e]]++;
              else if (self->counts[l] == 0)
                self->first_category[l] = self->event_category[e];
              self->counts[l]++;
            }
        }
      n_visible = 0;
    }

  for (guint i = 0; i < n_visible; i++)
    {
      guint category = self->event_category[visible[i]];

      for (guint p = self->event_place_start[visible[i]]; p < self->event_place_start[visible[i] + 1]; p++)
        {
          guint index = self->event_places[p];

          if (index >= self->n_locations)
            continue;

          if (self->category_counts != NULL)
            self->category_counts[(gsize) index * self->n_categories + category]++;
          else if (self->counts[index] == 0)
            self->first_category[index] = category;
          self->counts[index]++;
        }
    }

  for (guint l = 0; l < self->n_locations; l++)
    {
      self->location_point[l] = NO_INDEX;
      if (self->counts[l] > 0)
        {
          self->n_points++;
          self->max_count = MAX (self->max_count, self->counts[l]);
        }
    }

  self->point_location = g_new (guint, MAX (self->n_points, 1));
  self->point_lat = g_new (double, MAX (self->n_points, 1));
  self->point_lon = g_new (double, MAX (self->n_points, 1));
  self->point_weight = g_new (guint, MAX (self->n_points, 1));

  for (guint l = 0, p = 0; l < self->n_locations; l++)
    {
      AtlasLocation *location;

      if (self->counts[l] == 0)
        continue;

      location = atlas_dataset_get_location (self->dataset, l);
      self->location_point[l] = p;
      self->point_location[p] = l;
      self->point_lat[p] = atlas_location_get_latitude (location);
      self->point_lon[p] = atlas_location_get_longitude (location);
      self->point_weight[p] = self->counts[l];
      p++;
    }

  recompute_highlight (self);
}

static guint
current_zoom (AtlasMarkerLayer *self)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  double zoom = shumate_viewport_get_zoom_level (viewport);

  return (guint) CLAMP (floor (zoom + 1e-6), 0, MAX_CACHED_ZOOM);
}

/* the dominant category of the given locations */
static guint
dominant_category (AtlasMarkerLayer *self,
                   const guint      *locations,
                   guint             n_locations)
{
  g_autofree guint *sums = NULL;
  guint best = self->n_categories - 1;
  guint best_count = 0;

  if (self->category_counts == NULL)
    {
      /* the busiest location's first category */
      for (guint i = 0; i < n_locations; i++)
        if (self->counts[locations[i]] > best_count)
          {
            best_count = self->counts[locations[i]];
            best = self->first_category[locations[i]];
          }
      return best;
    }

  sums = g_new0 (guint, self->n_categories);
  for (guint i = 0; i < n_locations; i++)
    for (guint c = 0; c < self->n_categories; c++)
      sums[c] += self->category_counts[(gsize) locations[i] * self->n_categories + c];

  /* named categories win ties over "none", earlier ones over later */
  for (guint c = 0; c < self->n_categories; c++)
    if (sums[c] > best_count)
      {
        best_count = sums[c];
        best = c;
      }

  return best;
}

static ZoomCache *
get_zoom_cache (AtlasMarkerLayer *self)
{
  guint zoom = current_zoom (self);
  ZoomCache *cache = self->zoom_cache[zoom];
  guint n_clusters;

  if (cache != NULL)
    return cache;

  cache = g_new0 (ZoomCache, 1);
  cache->clustering = atlas_clustering_new (self->point_lat, self->point_lon, self->point_weight,
                                            self->n_points, zoom, marker_radius, self);
  n_clusters = atlas_clustering_get_n_clusters (cache->clustering);
  cache->locations = g_new (guint, MAX (self->n_points, 1));
  cache->dominant = g_new (guint, MAX (n_clusters, 1));

  for (guint c = 0, offset = 0; c < n_clusters; c++)
    {
      guint n_members;
      const guint *members = atlas_clustering_get_members (cache->clustering, c, &n_members);

      for (guint m = 0; m < n_members; m++)
        cache->locations[offset + m] = self->point_location[members[m]];
      cache->dominant[c] = dominant_category (self, cache->locations + offset, n_members);
      offset += n_members;
    }

  self->zoom_cache[zoom] = cache;

  return cache;
}

static const guint *
cluster_locations (AtlasMarkerLayer *self,
                   ZoomCache        *cache,
                   guint             cluster,
                   guint            *n_locations)
{
  const guint *base = atlas_clustering_get_members (cache->clustering, 0, NULL);
  const guint *members = atlas_clustering_get_members (cache->clustering, cluster, n_locations);

  return cache->locations + (members - base);
}

static gboolean
cluster_is_highlighted (AtlasMarkerLayer *self,
                        ZoomCache        *cache,
                        guint             cluster)
{
  guint n_locations;
  const guint *locations = cluster_locations (self, cache, cluster, &n_locations);

  for (guint i = 0; i < n_locations; i++)
    if (self->highlighted[locations[i]])
      return TRUE;

  return FALSE;
}

static gboolean
cluster_position (AtlasMarkerLayer   *self,
                  const AtlasCluster *cluster,
                  double             *x,
                  double             *y)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));

  if (shumate_viewport_get_reference_map_source (viewport) == NULL)
    return FALSE;

  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self),
                                              cluster->lat, cluster->lon, x, y);
  return TRUE;
}

static void
category_color (AtlasMarkerLayer *self,
                guint             category,
                gboolean          dark,
                GdkRGBA          *out)
{
  const char *name = NULL;

  if (self->category_names != NULL && category < self->category_names->len)
    name = g_ptr_array_index (self->category_names, category);

  atlas_palette_category_color (name, dark, out);
}

static void
append_disc (GtkSnapshot   *snapshot,
             double         x,
             double         y,
             double         radius,
             const GdkRGBA *color)
{
  graphene_rect_t rect = GRAPHENE_RECT_INIT (x - radius, y - radius, 2 * radius, 2 * radius);
  GskRoundedRect rounded;

  gsk_rounded_rect_init_from_rect (&rounded, &rect, radius);
  gtk_snapshot_push_rounded_clip (snapshot, &rounded);
  gtk_snapshot_append_color (snapshot, color, &rect);
  gtk_snapshot_pop (snapshot);
}

/* a ring inside the circle of @radius */
static void
append_ring (GtkSnapshot   *snapshot,
             double         x,
             double         y,
             double         radius,
             double         width,
             const GdkRGBA *color)
{
  graphene_rect_t rect = GRAPHENE_RECT_INIT (x - radius, y - radius, 2 * radius, 2 * radius);
  const float widths[4] = { width, width, width, width };
  const GdkRGBA colors[4] = { *color, *color, *color, *color };
  GskRoundedRect rounded;

  gsk_rounded_rect_init_from_rect (&rounded, &rect, radius);
  gtk_snapshot_append_border (snapshot, &rounded, widths, colors);
}

static void
append_shadow (GtkSnapshot *snapshot,
               double       x,
               double       y,
               double       radius)
{
  graphene_rect_t rect = GRAPHENE_RECT_INIT (x - radius, y - radius, 2 * radius, 2 * radius);
  const GdkRGBA shadow = { 0, 0, 0, 0.35f };
  GskRoundedRect rounded;

  gsk_rounded_rect_init_from_rect (&rounded, &rect, radius);
  gtk_snapshot_append_outset_shadow (snapshot, &rounded, &shadow, 0, 1, 0, 3);
}

static void
append_count (AtlasMarkerLayer *self,
              GtkSnapshot      *snapshot,
              PangoLayout      *layout,
              double            x,
              double            y,
              guint             count,
              const GdkRGBA    *fill)
{
  char text[16];
  int width, height;
  double luminance = 0.299 * fill->red + 0.587 * fill->green + 0.114 * fill->blue;
  GdkRGBA ink = luminance > 0.62 ? (GdkRGBA) { 0.1f, 0.1f, 0.1f, 1.f }
                                 : (GdkRGBA) { 1.f, 1.f, 1.f, 1.f };

  if (count > 9999)
    g_snprintf (text, sizeof text, "%uk", count / 1000);
  else
    g_snprintf (text, sizeof text, "%u", count);

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &width, &height);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (round (x - width / 2.0),
                                                          round (y - height / 2.0)));
  gtk_snapshot_append_layout (snapshot, layout, &ink);
  gtk_snapshot_restore (snapshot);
}

static void
draw_marker (AtlasMarkerLayer   *self,
             GtkSnapshot        *snapshot,
             PangoLayout        *layout,
             ZoomCache          *cache,
             guint               index,
             gboolean            highlighted,
             gboolean            dark)
{
  const AtlasCluster *cluster = atlas_clustering_get_cluster (cache->clustering, index);
  const GdkRGBA white = { 1, 1, 1, 1 };
  const GdkRGBA edge = { 0, 0, 0, 0.55f };
  GdkRGBA fill, halo, selection;
  double x, y, radius = cluster->radius;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (!cluster_position (self, cluster, &x, &y))
    return;

  /* not on screen */
  if (x < -radius - 10 || y < -radius - 10 || x > width + radius + 10 || y > height + radius + 10)
    return;

  category_color (self, cache->dominant[index], dark, &fill);

  if (highlighted)
    {
      double outer = radius + RING_GAP + RING_WIDTH + 1;

      atlas_palette_selection_color (dark, &selection);
      append_shadow (snapshot, x, y, outer);
      append_disc (snapshot, x, y, outer, &edge);
      append_disc (snapshot, x, y, outer - 1, &selection);
    }
  else if (cluster->n_members > 1)
    {
      /* a group of places: a translucent halo around the disc */
      halo = fill;
      halo.alpha = 0.35f;
      append_disc (snapshot, x, y, radius + 4, &halo);
    }
  else
    append_shadow (snapshot, x, y, radius);

  append_disc (snapshot, x, y, radius, &fill);
  append_ring (snapshot, x, y, radius, OUTLINE_WIDTH, &white);

  if (cluster->weight > 1)
    append_count (self, snapshot, layout, x, y, cluster->weight, &fill);
}

static void
context_visible_changed_cb (AtlasMarkerLayer *self)
{
  guint before = atlas_marker_layer_get_n_markers (self);

  recompute_counts (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[CHANGED], 0);

  if (before != atlas_marker_layer_get_n_markers (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_MARKERS]);
}

static void
selection_changed_cb (AtlasMarkerLayer *self)
{
  recompute_highlight (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
viewport_changed_cb (AtlasMarkerLayer *self,
                     GParamSpec       *pspec,
                     ShumateViewport  *viewport)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
viewport_zoom_changed_cb (AtlasMarkerLayer *self,
                          GParamSpec       *pspec,
                          ShumateViewport  *viewport)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_MARKERS]);
}

static void
dark_changed_cb (AtlasMarkerLayer *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
atlas_marker_layer_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  AtlasMarkerLayer *self = ATLAS_MARKER_LAYER (widget);
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(PangoAttrList) attrs = NULL;
  gboolean dark = is_dark ();
  ZoomCache *cache;
  guint n_clusters;

  if (self->n_points == 0)
    return;

  cache = get_zoom_cache (self);
  n_clusters = atlas_clustering_get_n_clusters (cache->clustering);

  layout = gtk_widget_create_pango_layout (widget, NULL);
  attrs = pango_attr_list_new ();
  pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_attr_list_insert (attrs, pango_attr_scale_new (0.8));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
  pango_layout_set_attributes (layout, attrs);

  /* clusters come heaviest first, so small markers lie on top of large ones;
   * the selected ones are drawn last, above all */
  for (guint i = 0; i < n_clusters; i++)
    if (!cluster_is_highlighted (self, cache, i))
      draw_marker (self, snapshot, layout, cache, i, FALSE, dark);

  for (guint i = 0; i < n_clusters; i++)
    if (cluster_is_highlighted (self, cache, i))
      draw_marker (self, snapshot, layout, cache, i, TRUE, dark);
}

/* The layer takes pointer events over its markers only: elsewhere they go
 * through to the map, which drags and zooms. */
static gboolean
atlas_marker_layer_contains (GtkWidget *widget,
                             double     x,
                             double     y)
{
  return atlas_marker_layer_pick (ATLAS_MARKER_LAYER (widget), x, y) >= 0;
}

static void
atlas_marker_layer_constructed (GObject *object)
{
  AtlasMarkerLayer *self = ATLAS_MARKER_LAYER (object);
  ShumateViewport *viewport;

  G_OBJECT_CLASS (atlas_marker_layer_parent_class)->constructed (object);

  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  g_signal_connect_object (viewport, "notify::zoom-level",
                           G_CALLBACK (viewport_zoom_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::latitude",
                           G_CALLBACK (viewport_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::longitude",
                           G_CALLBACK (viewport_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::rotation",
                           G_CALLBACK (viewport_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::reference-map-source",
                           G_CALLBACK (viewport_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
atlas_marker_layer_dispose (GObject *object)
{
  AtlasMarkerLayer *self = ATLAS_MARKER_LAYER (object);

  atlas_marker_layer_set_context (self, NULL);

  G_OBJECT_CLASS (atlas_marker_layer_parent_class)->dispose (object);
}

static void
atlas_marker_layer_finalize (GObject *object)
{
  AtlasMarkerLayer *self = ATLAS_MARKER_LAYER (object);

  free_counts (self);
  g_clear_pointer (&self->category_names, g_ptr_array_unref);
  g_clear_pointer (&self->event_category, g_free);
  g_clear_pointer (&self->event_place_start, g_free);
  g_clear_pointer (&self->event_places, g_free);
  g_clear_object (&self->dataset);

  G_OBJECT_CLASS (atlas_marker_layer_parent_class)->finalize (object);
}

static void
atlas_marker_layer_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AtlasMarkerLayer *self = ATLAS_MARKER_LAYER (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_N_MARKERS:
      g_value_set_uint (value, atlas_marker_layer_get_n_markers (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_marker_layer_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AtlasMarkerLayer *self = ATLAS_MARKER_LAYER (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      atlas_marker_layer_set_context (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_marker_layer_class_init (AtlasMarkerLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = atlas_marker_layer_constructed;
  object_class->dispose = atlas_marker_layer_dispose;
  object_class->finalize = atlas_marker_layer_finalize;
  object_class->get_property = atlas_marker_layer_get_property;
  object_class->set_property = atlas_marker_layer_set_property;

  widget_class->snapshot = atlas_marker_layer_snapshot;
  widget_class->contains = atlas_marker_layer_contains;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         ATLAS_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_N_MARKERS] =
    g_param_spec_uint ("n-markers", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* counts, groups or highlights changed: the other layers redraw */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
atlas_marker_layer_init (AtlasMarkerLayer *self)
{
  self->n_categories = 1;
}

AtlasMarkerLayer *
atlas_marker_layer_new (ShumateViewport *viewport)
{
  g_return_val_if_fail (SHUMATE_IS_VIEWPORT (viewport), NULL);

  return g_object_new (ATLAS_TYPE_MARKER_LAYER, "viewport", viewport, NULL);
}

void
atlas_marker_layer_set_context (AtlasMarkerLayer *self,
                                AtlasContext     *context)
{
  const AtlasViewHandler handlers[] = {
    { ATLAS_VIEW_ON_CONTEXT, "visible-changed", G_CALLBACK (context_visible_changed_cb) },
    { ATLAS_VIEW_ON_CONTEXT, "notify::dataset", G_CALLBACK (context_visible_changed_cb) },
    { ATLAS_VIEW_ON_SELECTION, "changed", G_CALLBACK (selection_changed_cb) },
  };

  g_return_if_fail (ATLAS_IS_MARKER_LAYER (self));
  g_return_if_fail (context == NULL || ATLAS_IS_CONTEXT (context));

  if (!atlas_view_context_swap (self, &self->context, context, handlers,
                                G_N_ELEMENTS (handlers)))
    return;
  self->selection = context != NULL ? atlas_context_get_selection (context) : NULL;

  context_visible_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

AtlasContext *
atlas_marker_layer_get_context (AtlasMarkerLayer *self)
{
  g_return_val_if_fail (ATLAS_IS_MARKER_LAYER (self), NULL);

  return self->context;
}

guint
atlas_marker_layer_get_n_markers (AtlasMarkerLayer *self)
{
  g_return_val_if_fail (ATLAS_IS_MARKER_LAYER (self), 0);

  if (self->n_points == 0)
    return 0;

  return atlas_clustering_get_n_clusters (get_zoom_cache (self)->clustering);
}

int
atlas_marker_layer_pick (AtlasMarkerLayer *self,
                         double            x,
                         double            y)
{
  ZoomCache *cache;
  guint n_clusters;

  g_return_val_if_fail (ATLAS_IS_MARKER_LAYER (self), -1);

  if (self->n_points == 0)
    return -1;

  cache = get_zoom_cache (self);
  n_clusters = atlas_clustering_get_n_clusters (cache->clustering);

  /* the reverse of the drawing order: highlighted ones first, then the smaller */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = n_clusters; i-- > 0;)
      {
        const AtlasCluster *cluster = atlas_clustering_get_cluster (cache->clustering, i);
        double cx, cy;
        /* a little slack makes the smallest discs easier to hit */
        double reach = cluster->radius + 2;

        if (cluster_is_highlighted (self, cache, i) != (pass == 0))
          continue;
        if (!cluster_position (self, cluster, &cx, &cy))
          return -1;
        if (hypot (cx - x, cy - y) <= reach)
          return (int) i;
      }

  return -1;
}

int
atlas_marker_layer_lookup_location (AtlasMarkerLayer *self,
                                    AtlasLocation    *location)
{
  guint index;

  g_return_val_if_fail (ATLAS_IS_MARKER_LAYER (self), -1);
  g_return_val_if_fail (ATLAS_IS_LOCATION (location), -1);

  index = atlas_location_get_index (location);
  if (index >= self->n_locations || self->location_point[index] == NO_INDEX)
    return -1;

  return (int) atlas_clustering_lookup_point (get_zoom_cache (self)->clustering,
                                              self->location_point[index]);
}

gboolean
atlas_marker_layer_get_marker_position (AtlasMarkerLayer *self,
                                        guint             marker,
                                        double           *x,
                                        double           *y,
                                        double           *radius)
{
  const AtlasCluster *cluster;
  double cx, cy;

  g_return_val_if_fail (ATLAS_IS_MARKER_LAYER (self), FALSE);
  g_return_val_if_fail (marker < atlas_marker_layer_get_n_markers (self), FALSE);

  cluster = atlas_clustering_get_cluster (get_zoom_cache (self)->clustering, marker);
  if (!cluster_position (self, cluster, &cx, &cy))
    return FALSE;

  if (x != NULL)
    *x = cx;
  if (y != NULL)
    *y = cy;
  if (radius != NULL)
    *radius = cluster->radius;

  return TRUE;
}

guint
atlas_marker_layer_get_marker_count (AtlasMarkerLayer *self,
                                     guint             marker)
{
  g_return_val_if_fail (ATLAS_IS_MARKER_LAYER (self), 0);
  g_return_val_if_fail (marker < atlas_marker_layer_get_n_markers (self), 0);

  return atlas_clustering_get_cluster (get_zoom_cache (self)->clustering, marker)->weight;
}

const guint *
atlas_marker_layer_get_marker_locations (AtlasMarkerLayer *self,
                                         guint             marker,
                                         guint            *n_locations)
{
  g_return_val_if_fail (ATLAS_IS_MARKER_LAYER (self), NULL);
  g_return_val_if_fail (marker < atlas_marker_layer_get_n_markers (self), NULL);

  return cluster_locations (self, get_zoom_cache (self), marker, n_locations);
}

void
atlas_marker_layer_get_marker_extent (AtlasMarkerLayer *self,
                                      guint             marker,
                                      double           *min_lat,
                                      double           *min_lon,
                                      double           *max_lat,
                                      double           *max_lon)
{
  const AtlasCluster *cluster;

  g_return_if_fail (ATLAS_IS_MARKER_LAYER (self));
  g_return_if_fail (marker < atlas_marker_layer_get_n_markers (self));

  cluster = atlas_clustering_get_cluster (get_zoom_cache (self)->clustering, marker);
  *min_lat = cluster->min_lat;
  *min_lon = cluster->min_lon;
  *max_lat = cluster->max_lat;
  *max_lon = cluster->max_lon;
}

gboolean
atlas_marker_layer_marker_is_highlighted (AtlasMarkerLayer *self,
                                          guint             marker)
{
  g_return_val_if_fail (ATLAS_IS_MARKER_LAYER (self), FALSE);
  g_return_val_if_fail (marker < atlas_marker_layer_get_n_markers (self), FALSE);

  return cluster_is_highlighted (self, get_zoom_cache (self), marker);
}

GPtrArray *
atlas_marker_layer_dup_marker_events (AtlasMarkerLayer *self,
                                      guint             marker)
{
  g_autofree guint8 *wanted = NULL;
  const guint *locations;
  const guint *visible;
  guint n_locations, n_visible;
  GPtrArray *events;

  g_return_val_if_fail (ATLAS_IS_MARKER_LAYER (self), NULL);
  g_return_val_if_fail (marker < atlas_marker_layer_get_n_markers (self), NULL);

  events = g_ptr_array_new ();
  wanted = g_new0 (guint8, MAX (self->n_locations, 1));
  locations = atlas_marker_layer_get_marker_locations (self, marker, &n_locations);
  for (guint i = 0; i < n_locations; i++)
    wanted[locations[i]] = TRUE;

  visible = atlas_context_get_visible (self->context, &n_visible);
  for (guint i = 0; i < n_visible; i++)
    {
      AtlasEvent *event = atlas_dataset_get_event (self->dataset, visible[i]);
      guint n_places = atlas_event_get_n_places (event);

      for (guint p = 0; p < n_places; p++)
        {
          guint index = atlas_location_get_index (atlas_event_get_place (event, p, NULL));

          if (index < self->n_locations && wanted[index])
            {
              g_ptr_array_add (events, event);
              break;
            }
        }
    }

  return events;
}

guint
atlas_marker_layer_get_location_count (AtlasMarkerLayer *self,
                                       AtlasLocation    *location)
{
  guint index;

  g_return_val_if_fail (ATLAS_IS_MARKER_LAYER (self), 0);
  g_return_val_if_fail (ATLAS_IS_LOCATION (location), 0);

  index = atlas_location_get_index (location);

  return index < self->n_locations ? self->counts[index] : 0;
}

gboolean
atlas_marker_layer_get_location_color (AtlasMarkerLayer *self,
                                       AtlasLocation    *location,
                                       GdkRGBA          *out)
{
  guint index;

  g_return_val_if_fail (ATLAS_IS_MARKER_LAYER (self), FALSE);
  g_return_val_if_fail (ATLAS_IS_LOCATION (location), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  index = atlas_location_get_index (location);
  if (index >= self->n_locations || self->counts[index] == 0)
    {
      atlas_palette_category_color (NULL, is_dark (), out);
      return FALSE;
    }

  category_color (self, dominant_category (self, &index, 1), is_dark (), out);

  return TRUE;
}

gboolean
atlas_marker_layer_location_is_highlighted (AtlasMarkerLayer *self,
                                            AtlasLocation    *location)
{
  guint index;

  g_return_val_if_fail (ATLAS_IS_MARKER_LAYER (self), FALSE);
  g_return_val_if_fail (ATLAS_IS_LOCATION (location), FALSE);

  index = atlas_location_get_index (location);

  return index < self->n_locations && self->highlighted[index];
}
