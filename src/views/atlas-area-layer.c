/* atlas-area-layer.c — location areas and uncertainty circles under the markers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "atlas-map"

#include "config.h"

#include <math.h>

#include <adwaita.h>

#include "atlas-area-layer.h"
#include "atlas-palette.h"

#define FILL_ALPHA        0.18
#define OUTLINE_ALPHA     0.85
#define PRECISION_ALPHA   0.06

struct _AtlasAreaLayer
{
  ShumateLayer      parent_instance;

  /* owned reference: the sibling layer with the counts */
  AtlasMarkerLayer *markers;
};

G_DEFINE_FINAL_TYPE (AtlasAreaLayer, atlas_area_layer, SHUMATE_TYPE_LAYER)

typedef struct {
  AtlasLocation *location;
  double         size;        /* bounding box area, to draw large areas first */
} Area;

static int
compare_areas (gconstpointer a,
               gconstpointer b)
{
  const Area *aa = a;
  const Area *ab = b;

  return aa->size > ab->size ? -1 : aa->size < ab->size;
}

static void
trace_area (AtlasAreaLayer  *self,
            cairo_t         *cr,
            ShumateViewport *viewport,
            const double    *coords,
            guint            n_points)
{
  for (guint i = 0; i < n_points; i++)
    {
      double x, y;

      shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self),
                                                  coords[2 * i + 1], coords[2 * i], &x, &y);
      if (i == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
  cairo_close_path (cr);
}

static void
draw_areas (AtlasAreaLayer  *self,
            cairo_t         *cr,
            ShumateViewport *viewport,
            AtlasDataset    *dataset,
            gboolean         dark)
{
  GListModel *locations = atlas_dataset_get_locations (dataset);
  guint n_locations = g_list_model_get_n_items (locations);
  g_autoptr(GArray) areas = g_array_new (FALSE, FALSE, sizeof (Area));
  GdkRGBA selection;

  atlas_palette_selection_color (dark, &selection);

  for (guint i = 0; i < n_locations; i++)
    {
      AtlasLocation *location = atlas_dataset_get_location (dataset, i);
      const double *coords;
      guint n_points;
      double min_lon = G_MAXDOUBLE, max_lon = -G_MAXDOUBLE;
      double min_lat = G_MAXDOUBLE, max_lat = -G_MAXDOUBLE;
      Area area;

      coords = atlas_location_get_area (location, &n_points);
      if (coords == NULL || n_points < 3)
        continue;
      if (atlas_marker_layer_get_location_count (self->markers, location) == 0)
        continue;

      for (guint p = 0; p < n_points; p++)
        {
          min_lon = MIN (min_lon, coords[2 * p]);
          max_lon = MAX (max_lon, coords[2 * p]);
          min_lat = MIN (min_lat, coords[2 * p + 1]);
          max_lat = MAX (max_lat, coords[2 * p + 1]);
        }

      area.location = location;
      area.size = (max_lon - min_lon) * (max_lat - min_lat);
      g_array_append_val (areas, area);
    }

  g_array_sort (areas, compare_areas);

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  for (guint i = 0; i < areas->len; i++)
    {
      AtlasLocation *location = g_array_index (areas, Area, i).location;
      gboolean highlighted = atlas_marker_layer_location_is_highlighted (self->markers, location);
      const double *coords;
      guint n_points;
      GdkRGBA color;

      coords = atlas_location_get_area (location, &n_points);
      atlas_marker_layer_get_location_color (self->markers, location, &color);

      trace_area (self, cr, viewport, coords, n_points);
      cairo_set_source_rgba (cr, color.red, color.green, color.blue, FILL_ALPHA);
      cairo_fill_preserve (cr);

      if (highlighted)
        {
          cairo_set_source_rgba (cr, selection.red, selection.green, selection.blue, 0.9);
          cairo_set_line_width (cr, 5.0);
          cairo_stroke_preserve (cr);
        }

      cairo_set_source_rgba (cr, color.red, color.green, color.blue, OUTLINE_ALPHA);
      cairo_set_line_width (cr, highlighted ? 2.0 : 1.5);
      cairo_stroke (cr);
    }
}

static void
draw_precision_circles (AtlasAreaLayer  *self,
                        cairo_t         *cr,
                        ShumateViewport *viewport,
                        AtlasDataset    *dataset,
                        gboolean         dark)
{
  ShumateMapSource *source = shumate_viewport_get_reference_map_source (viewport);
  GListModel *locations = atlas_dataset_get_locations (dataset);
  guint n_locations = g_list_model_get_n_items (locations);
  double zoom = shumate_viewport_get_zoom_level (viewport);
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  const double dashes[] = { 4.0, 3.0 };

  for (guint i = 0; i < n_locations; i++)
    {
      AtlasLocation *location = atlas_dataset_get_location (dataset, i);
      double precision = atlas_location_get_precision_m (location);
      double lat = atlas_location_get_latitude (location);
      double lon = atlas_location_get_longitude (location);
      double x, y, radius, marker_radius = 0;
      int marker;
      GdkRGBA color;

      AtlasLocationKind kind = atlas_location_get_kind (location);
      guint n_area_points;

      if (precision <= 0 || atlas_marker_layer_get_location_count (self->markers, location) == 0)
        continue;

      /* a country's or a sea's "precision" is its size, and an area already
       * shows where a place lies: a circle would only add noise */
      if (kind == ATLAS_LOCATION_KIND_COUNTRY || kind == ATLAS_LOCATION_KIND_SEA ||
          kind == ATLAS_LOCATION_KIND_REGION ||
          atlas_location_get_area (location, &n_area_points) != NULL)
        continue;

      radius = precision / shumate_map_source_get_meters_per_pixel (source, zoom, lat, lon);
      marker = atlas_marker_layer_lookup_location (self->markers, location);
      if (marker >= 0)
        atlas_marker_layer_get_marker_position (self->markers, marker, NULL, NULL, &marker_radius);
      if (radius <= marker_radius + 2)
        continue;

      shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self), lat, lon, &x, &y);
      if (x + radius < 0 || y + radius < 0 || x - radius > width || y - radius > height)
        continue;
      /* a circle larger than the view says nothing */
      if (radius > MAX (width, height))
        continue;

      atlas_marker_layer_get_location_color (self->markers, location, &color);
      cairo_new_path (cr);
      cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
      cairo_set_source_rgba (cr, color.red, color.green, color.blue, PRECISION_ALPHA);
      cairo_fill_preserve (cr);
      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
      cairo_set_line_width (cr, 1.25);
      cairo_set_source_rgba (cr, color.red, color.green, color.blue, 0.7);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
}

static void
markers_changed_cb (AtlasAreaLayer *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
atlas_area_layer_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  AtlasAreaLayer *self = ATLAS_AREA_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  AtlasContext *context;
  AtlasDataset *dataset;
  cairo_t *cr;

  if (self->markers == NULL || width <= 0 || height <= 0)
    return;
  if (shumate_viewport_get_reference_map_source (viewport) == NULL)
    return;

  context = atlas_marker_layer_get_context (self->markers);
  dataset = context != NULL ? atlas_context_get_dataset (context) : NULL;
  if (dataset == NULL)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw_areas (self, cr, viewport, dataset, dark);
  draw_precision_circles (self, cr, viewport, dataset, dark);
  cairo_destroy (cr);
}

static void
atlas_area_layer_constructed (GObject *object)
{
  AtlasAreaLayer *self = ATLAS_AREA_LAYER (object);
  ShumateViewport *viewport;

  G_OBJECT_CLASS (atlas_area_layer_parent_class)->constructed (object);

  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  g_signal_connect_object (viewport, "notify",
                           G_CALLBACK (markers_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (markers_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
atlas_area_layer_dispose (GObject *object)
{
  AtlasAreaLayer *self = ATLAS_AREA_LAYER (object);

  g_clear_object (&self->markers);

  G_OBJECT_CLASS (atlas_area_layer_parent_class)->dispose (object);
}

static void
atlas_area_layer_class_init (AtlasAreaLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = atlas_area_layer_constructed;
  object_class->dispose = atlas_area_layer_dispose;

  widget_class->snapshot = atlas_area_layer_snapshot;
}

static void
atlas_area_layer_init (AtlasAreaLayer *self)
{
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

AtlasAreaLayer *
atlas_area_layer_new (ShumateViewport  *viewport,
                      AtlasMarkerLayer *markers)
{
  AtlasAreaLayer *self;

  g_return_val_if_fail (SHUMATE_IS_VIEWPORT (viewport), NULL);
  g_return_val_if_fail (ATLAS_IS_MARKER_LAYER (markers), NULL);

  self = g_object_new (ATLAS_TYPE_AREA_LAYER, "viewport", viewport, NULL);
  self->markers = g_object_ref (markers);
  g_signal_connect_object (markers, "changed",
                           G_CALLBACK (markers_changed_cb), self, G_CONNECT_SWAPPED);

  return self;
}
