/* atlas-map-view.c — the map: basemap, areas, place markers, selection links
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "atlas-map"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "atlas-area-layer.h"
#include "atlas-basemap-source.h"
#include "atlas-cluster.h"
#include "atlas-link-layer.h"
#include "atlas-map-view.h"
#include "atlas-marker-layer.h"
#include "atlas-text.h"
#include "atlas-view-context.h"

/* room kept around framed places, so their markers are whole */
#define FRAME_PADDING      48.0
/* the opening view of a dataset keeps the region around its events in sight */
#define INITIAL_MAX_ZOOM    6.0
#define FRAME_MAX_ZOOM     15.0
/* places that fit at this zoom are framed all together */
#define REGIONAL_ZOOM       5.0
#define DENSE_SHARE         0.6
/* at most this many places (the busiest) are considered for the dense box */
#define DENSE_MAX_PLACES 2000
#define PAN_STEP           96.0
#define DEFAULT_LATITUDE   35.0
#define DEFAULT_LONGITUDE  36.0
#define DEFAULT_ZOOM        5.0
/* a bigger selection is not brought into sight place by place */
#define ENSURE_MAX_EVENTS 10000
/* panes that open with a selection (details) narrow the map for this long */
#define ENSURE_SETTLE_USEC (800 * G_TIME_SPAN_MILLISECOND)

struct _AtlasMapView
{
  GtkWidget         parent_instance;

  /* template widgets */
  GtkOverlay       *overlay;
  ShumateMap       *map;
  ShumateScale     *scale;
  ShumateLicense   *license;
  GtkPopover       *popover;
  GtkLabel         *popover_title;
  GtkButton        *select_all_button;
  GtkLabel         *select_all_label;
  GtkListView      *event_list;

  /* owned references */
  AtlasContext     *context;
  AtlasSelection   *selection;   /* the context's (borrowed), while connected */
  ShumateMapSource *map_source;
  ShumateMapSource *blank_source;
  ShumateMapLayer  *map_layer;
  AtlasAreaLayer   *area_layer;
  AtlasMarkerLayer *marker_layer;
  AtlasLinkLayer   *link_layer;
  GListStore       *popover_events;

  /* a framing asked for before the view had a size */
  double            pending_bounds[4];
  double            pending_max_zoom;
  guint             pending_frame : 1;
  guint             pending_initial : 1;
  /* the selection changed before there was a size */
  guint             pending_selection : 1;
  /* the map itself is changing the selection (its places are in sight) */
  guint             selecting : 1;
  /* until then, a new size brings the selection into sight again */
  gint64            ensure_until;
  int               ensure_width, ensure_height;
};

G_DEFINE_FINAL_TYPE (AtlasMapView, atlas_map_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static ShumateViewport *
get_viewport (AtlasMapView *self)
{
  return shumate_map_get_viewport (self->map);
}

static void
set_zoom_and_center (AtlasMapView *self,
                     double        zoom,
                     double        lat,
                     double        lon)
{
  ShumateViewport *viewport = get_viewport (self);

  zoom = CLAMP (zoom,
                shumate_viewport_get_min_zoom_level (viewport),
                shumate_viewport_get_max_zoom_level (viewport));
  lat = CLAMP (lat, -ATLAS_CLUSTER_MAX_LATITUDE, ATLAS_CLUSTER_MAX_LATITUDE);

  g_object_freeze_notify (G_OBJECT (viewport));
  shumate_viewport_set_zoom_level (viewport, zoom);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), lat, lon);
  g_object_thaw_notify (G_OBJECT (viewport));
}

/* Frames the box, zoomed in at most to @max_zoom and at least to @min_zoom.
 * The zoom is a whole level so the basemap's tiles are drawn crisp. */
static void
frame_box (AtlasMapView *self,
           double        min_lat,
           double        min_lon,
           double        max_lat,
           double        max_lon,
           double        min_zoom,
           double        max_zoom)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double x0, y0, x1, y1, lat, lon, zoom;
  double avail_w, avail_h, dx, dy;

  if (width <= 1 || height <= 1)
    {
      /* applied on the first allocation */
      self->pending_bounds[0] = min_lat;
      self->pending_bounds[1] = min_lon;
      self->pending_bounds[2] = max_lat;
      self->pending_bounds[3] = max_lon;
      self->pending_max_zoom = max_zoom;
      self->pending_frame = TRUE;
      return;
    }

  self->pending_frame = FALSE;

  atlas_cluster_project (max_lat, min_lon, 0, &x0, &y0);
  atlas_cluster_project (min_lat, max_lon, 0, &x1, &y1);

  avail_w = MAX (width - 2 * FRAME_PADDING, width / 2.0);
  avail_h = MAX (height - 2 * FRAME_PADDING, height / 2.0);
  dx = MAX (x1 - x0, 1e-9);
  dy = MAX (y1 - y0, 1e-9);
  zoom = floor (log2 (MIN (avail_w / dx, avail_h / dy)));
  zoom = CLAMP (zoom, min_zoom, max_zoom);

  atlas_cluster_unproject ((x0 + x1) / 2, (y0 + y1) / 2, 0, &lat, &lon);
  set_zoom_and_center (self, zoom, lat, lon);
}

typedef struct {
  double x, y;      /* at zoom 0, y scaled to the widget's aspect */
  double lat, lon;
  guint  weight;
} Place;

static int
compare_places_by_weight (gconstpointer a,
                          gconstpointer b)
{
  const Place *pa = a;
  const Place *pb = b;

  return pa->weight > pb->weight ? -1 : pa->weight < pb->weight;
}

typedef struct {
  double distance;
  guint  weight;
} Reach;

static int
compare_reach (gconstpointer a,
               gconstpointer b)
{
  const Reach *ra = a;
  const Reach *rb = b;

  return ra->distance < rb->distance ? -1 : ra->distance > rb->distance;
}

/* The smallest box, shaped like the widget, that holds at least DENSE_SHARE of
 * the weight: each place is tried as the box's centre. */
static void
dense_box (GArray *places,
           double *box)
{
  g_autofree Reach *reach = NULL;
  guint64 total = 0;
  double best = G_MAXDOUBLE;
  guint best_centre = 0;
  guint n = MIN (places->len, DENSE_MAX_PLACES);

  g_array_sort (places, compare_places_by_weight);
  reach = g_new (Reach, n);
  for (guint i = 0; i < n; i++)
    total += g_array_index (places, Place, i).weight;

  for (guint i = 0; i < n; i++)
    {
      Place *centre = &g_array_index (places, Place, i);
      guint64 sum = 0;

      for (guint j = 0; j < n; j++)
        {
          Place *other = &g_array_index (places, Place, j);

          reach[j].distance = MAX (fabs (other->x - centre->x), fabs (other->y - centre->y));
          reach[j].weight = other->weight;
        }
      qsort (reach, n, sizeof (Reach), compare_reach);

      for (guint j = 0; j < n; j++)
        {
          sum += reach[j].weight;
          if (sum >= DENSE_SHARE * total)
            {
              if (reach[j].distance < best)
                {
                  best = reach[j].distance;
                  best_centre = i;
                }
              break;
            }
        }
    }

  box[0] = box[1] = G_MAXDOUBLE;
  box[2] = box[3] = -G_MAXDOUBLE;
  for (guint j = 0; j < n; j++)
    {
      Place *centre = &g_array_index (places, Place, best_centre);
      Place *other = &g_array_index (places, Place, j);

      if (MAX (fabs (other->x - centre->x), fabs (other->y - centre->y)) <= best)
        {
          box[0] = MIN (box[0], other->lat);
          box[1] = MIN (box[1], other->lon);
          box[2] = MAX (box[2], other->lat);
          box[3] = MAX (box[3], other->lon);
        }
    }
}

static void
frame_places (AtlasMapView *self,
              double        max_zoom)
{
  AtlasDataset *dataset = self->context != NULL ? atlas_context_get_dataset (self->context) : NULL;
  g_autoptr(GArray) places = g_array_new (FALSE, FALSE, sizeof (Place));
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double box[4] = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };
  double aspect, x0, y0, x1, y1, zoom_all;
  guint n_locations;

  if (dataset == NULL)
    return;

  if (width <= 1 || height <= 1)
    {
      self->pending_initial = max_zoom <= INITIAL_MAX_ZOOM;
      self->pending_max_zoom = max_zoom;
      self->pending_frame = TRUE;
      self->pending_bounds[0] = NAN;
      return;
    }

  aspect = (double) width / height;
  n_locations = g_list_model_get_n_items (atlas_dataset_get_locations (dataset));
  for (guint i = 0; i < n_locations; i++)
    {
      AtlasLocation *location = atlas_dataset_get_location (dataset, i);
      guint count = atlas_marker_layer_get_location_count (self->marker_layer, location);
      Place place;

      if (count == 0)
        continue;

      place.lat = atlas_location_get_latitude (location);
      place.lon = atlas_location_get_longitude (location);
      place.weight = count;
      atlas_cluster_project (place.lat, place.lon, 0, &place.x, &place.y);
      place.y *= aspect;
      g_array_append_val (places, place);

      box[0] = MIN (box[0], place.lat);
      box[1] = MIN (box[1], place.lon);
      box[2] = MAX (box[2], place.lat);
      box[3] = MAX (box[3], place.lon);
    }

  if (places->len == 0)
    {
      /* nothing visible: the dataset's extent, if it has one */
      if (!atlas_dataset_get_bounds (dataset, &box[0], &box[1], &box[2], &box[3]))
        return;
      frame_box (self, box[0], box[1], box[2], box[3], 0, max_zoom);
      return;
    }

  atlas_cluster_project (box[2], box[1], 0, &x0, &y0);
  atlas_cluster_project (box[0], box[3], 0, &x1, &y1);
  zoom_all = log2 (MIN ((width - 2 * FRAME_PADDING) / MAX (x1 - x0, 1e-9),
                        (height - 2 * FRAME_PADDING) / MAX (y1 - y0, 1e-9)));

  if (zoom_all < REGIONAL_ZOOM && places->len > 2)
    dense_box (places, box);

  frame_box (self, box[0], box[1], box[2], box[3], 0, max_zoom);
}

/* Brings the places of the selected events into sight when some are off the
 * map: pans when they fit at the current zoom, zooms out only as far as needed,
 * never zooms in.  TRUE when there was something to look at. */
static gboolean
ensure_selection_visible (AtlasMapView *self)
{
  ShumateViewport *viewport = get_viewport (self);
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double box[4] = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };
  double zoom, cx, cy, x0, y0, x1, y1, margin;
  guint n_events, n_places = 0;

  if (self->selection == NULL)
    return FALSE;
  n_events = atlas_selection_get_n_events (self->selection);
  if (n_events == 0 || n_events > ENSURE_MAX_EVENTS)
    return FALSE;

  for (guint i = 0; i < n_events; i++)
    {
      AtlasEvent *event = atlas_selection_get_event (self->selection, i);

      for (guint j = 0; j < atlas_event_get_n_places (event); j++)
        {
          AtlasLocation *location = atlas_event_get_place (event, j, NULL);
          double lat = atlas_location_get_latitude (location);
          double lon = atlas_location_get_longitude (location);

          box[0] = MIN (box[0], lat);
          box[1] = MIN (box[1], lon);
          box[2] = MAX (box[2], lat);
          box[3] = MAX (box[3], lon);
          n_places++;
        }
    }
  if (n_places == 0)
    return FALSE;

  if (width <= 1 || height <= 1)
    {
      self->pending_selection = TRUE;
      return TRUE;
    }
  self->ensure_width = width;
  self->ensure_height = height;

  /* already in sight, markers whole: leave the map where the user put it */
  zoom = shumate_viewport_get_zoom_level (viewport);
  atlas_cluster_project (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                         shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                         zoom, &cx, &cy);
  atlas_cluster_project (box[2], box[1], zoom, &x0, &y0);
  atlas_cluster_project (box[0], box[3], zoom, &x1, &y1);
  margin = MIN (FRAME_PADDING, MIN (width, height) / 4.0);
  if (x0 >= cx - width / 2.0 + margin && x1 <= cx + width / 2.0 - margin &&
      y0 >= cy - height / 2.0 + margin && y1 <= cy + height / 2.0 - margin)
    return TRUE;

  frame_box (self, box[0], box[1], box[2], box[3], 0, floor (zoom));
  return TRUE;
}

static void
selection_changed_cb (AtlasMapView *self)
{
  if (self->selecting)
    {
      self->ensure_until = 0;
      return;
    }
  if (ensure_selection_visible (self))
    self->ensure_until = g_get_monotonic_time () + ENSURE_SETTLE_USEC;
}

static void
popover_update_select_all (AtlasMapView *self,
                           guint         n_events)
{
  g_autofree char *text = NULL;

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Select the event", "Select all %u events",
                                       n_events), n_events);
  gtk_label_set_text (self->select_all_label, text);
}

static gboolean
is_within (AtlasLocation *location,
           AtlasLocation *ancestor)
{
  for (; location != NULL; location = atlas_location_get_parent (location))
    if (location == ancestor)
      return TRUE;

  return FALSE;
}

/* The name of a marker: its place, or for a group the place that encloses all
 * the others (Aleppo for its districts), else the busiest and a count. */
static char *
marker_name (AtlasMapView *self,
             guint         marker)
{
  AtlasDataset *dataset = atlas_context_get_dataset (self->context);
  guint n_locations;
  const guint *locations = atlas_marker_layer_get_marker_locations (self->marker_layer, marker,
                                                                    &n_locations);
  AtlasLocation *busiest = NULL;
  g_autofree char *isolated = NULL;
  guint busiest_count = 0;

  if (n_locations == 1)
    return g_strdup (atlas_location_get_display_name (atlas_dataset_get_location (dataset, locations[0])));

  for (guint i = 0; i < n_locations; i++)
    {
      AtlasLocation *candidate = atlas_dataset_get_location (dataset, locations[i]);
      guint count = atlas_marker_layer_get_location_count (self->marker_layer, candidate);
      gboolean encloses = TRUE;

      for (guint j = 0; j < n_locations && encloses; j++)
        encloses = is_within (atlas_dataset_get_location (dataset, locations[j]), candidate);
      if (encloses)
        return g_strdup (atlas_location_get_display_name (candidate));

      if (count > busiest_count)
        {
          busiest_count = count;
          busiest = candidate;
        }
    }

  isolated = atlas_bidi_isolate (atlas_location_get_display_name (busiest));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s and %u other place", "%s and %u other places",
                                       n_locations - 1),
                          isolated, n_locations - 1);
}

static void
show_event_popover (AtlasMapView *self,
                    guint         marker,
                    GPtrArray    *events)
{
  g_autofree char *title = marker_name (self, marker);
  double x, y, radius;
  GdkRectangle rect;

  g_list_store_remove_all (self->popover_events);
  g_list_store_splice (self->popover_events, 0, 0, events->pdata, events->len);
  gtk_label_set_text (self->popover_title, title);
  popover_update_select_all (self, events->len);

  if (atlas_marker_layer_get_marker_position (self->marker_layer, marker, &x, &y, &radius))
    {
      graphene_point_t point;

      if (!gtk_widget_compute_point (GTK_WIDGET (self->marker_layer), GTK_WIDGET (self),
                                     &GRAPHENE_POINT_INIT (x, y), &point))
        point = GRAPHENE_POINT_INIT (x, y);

      rect.x = (int) floor (point.x - radius);
      rect.y = (int) floor (point.y - radius);
      rect.width = rect.height = (int) ceil (2 * radius);
      gtk_popover_set_pointing_to (self->popover, &rect);
    }

  gtk_popover_popup (self->popover);
}

static void
activate_marker (AtlasMapView *self,
                 guint         marker)
{
  AtlasSelection *selection = atlas_context_get_selection (self->context);
  ShumateViewport *viewport = get_viewport (self);
  g_autoptr(GPtrArray) events = NULL;
  guint n_locations;

  atlas_marker_layer_get_marker_locations (self->marker_layer, marker, &n_locations);

  if (n_locations > 1)
    {
      double min_lat, min_lon, max_lat, max_lon;
      double zoom = shumate_viewport_get_zoom_level (viewport);
      double max_zoom = shumate_viewport_get_max_zoom_level (viewport);

      atlas_marker_layer_get_marker_extent (self->marker_layer, marker,
                                            &min_lat, &min_lon, &max_lat, &max_lon);

      /* a group: zoom in until it comes apart, unless it cannot */
      if (zoom + 0.5 < max_zoom && (max_lat > min_lat || max_lon > min_lon))
        {
          frame_box (self, min_lat, min_lon, max_lat, max_lon,
                     MIN (floor (zoom) + 1, max_zoom), max_zoom);
          return;
        }
    }

  events = atlas_marker_layer_dup_marker_events (self->marker_layer, marker);
  if (events->len == 0)
    return;

  /* The place's events become the selection at once, so map, timeline and
   * details show them all; with several, the popover lets the user pick one. */
  self->selecting = TRUE;
  atlas_selection_select_events (selection, (AtlasEvent **) events->pdata, events->len);
  self->selecting = FALSE;
  if (events->len > 1)
    show_event_popover (self, marker, events);
}

static void
select_listed_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AtlasMapView *self = ATLAS_MAP_VIEW (widget);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->popover_events));
  g_autoptr(GPtrArray) events = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (events, g_list_model_get_item (G_LIST_MODEL (self->popover_events), i));

  gtk_popover_popdown (self->popover);
  if (self->context != NULL)
    {
      self->selecting = TRUE;
      atlas_selection_select_events (atlas_context_get_selection (self->context),
                                     (AtlasEvent **) events->pdata, events->len);
      self->selecting = FALSE;
    }
}

static void
select_listed_event_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  AtlasMapView *self = ATLAS_MAP_VIEW (widget);
  guint position = g_variant_get_uint32 (parameter);
  g_autoptr(AtlasEvent) event = g_list_model_get_item (G_LIST_MODEL (self->popover_events), position);

  gtk_popover_popdown (self->popover);
  if (event != NULL && self->context != NULL)
    {
      self->selecting = TRUE;
      atlas_selection_select_event (atlas_context_get_selection (self->context), event);
      self->selecting = FALSE;
    }
}

static void
event_list_activate_cb (AtlasMapView *self,
                        guint         position)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "map.select-listed-event", "u", position);
}

static void
event_row_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *date = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 40);
  gtk_label_set_lines (GTK_LABEL (title), 2);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (date), 0);
  gtk_widget_add_css_class (date, "dim-label");
  gtk_widget_add_css_class (date, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), date);
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_list_item_set_child (item, box);
}

static void
event_row_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  AtlasEvent *event = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *date = gtk_widget_get_next_sibling (title);
  g_autofree char *date_text = atlas_event_format_date (event);

  /* data, never markup */
  gtk_label_set_text (GTK_LABEL (title), atlas_event_get_title (event));
  gtk_label_set_text (GTK_LABEL (date), date_text);
}

static gboolean
marker_query_tooltip_cb (AtlasMapView *self,
                         int           x,
                         int           y,
                         gboolean      keyboard_mode,
                         GtkTooltip   *tooltip,
                         GtkWidget    *layer)
{
  g_autofree char *text = NULL;
  double map_x, map_y;

  if (self->context == NULL || keyboard_mode)
    return FALSE;

  if (!gtk_widget_translate_coordinates (layer, GTK_WIDGET (self), x, y, &map_x, &map_y))
    return FALSE;

  text = atlas_map_view_dup_tooltip_at (self, map_x, map_y);
  if (text == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
marker_released_cb (AtlasMapView    *self,
                    int              n_press,
                    double           x,
                    double           y,
                    GtkGestureClick *gesture)
{
  int marker;

  if (n_press != 1 || self->context == NULL)
    return;

  marker = atlas_marker_layer_pick (self->marker_layer, x, y);
  if (marker < 0)
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_widget_grab_focus (GTK_WIDGET (self->map));
  activate_marker (self, marker);
}

static void
context_dataset_changed_cb (AtlasMapView *self)
{
  gtk_popover_popdown (self->popover);
  self->pending_initial = TRUE;
  frame_places (self, INITIAL_MAX_ZOOM);
}

static void
context_visible_changed_cb (AtlasMapView *self)
{
  gtk_popover_popdown (self->popover);
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AtlasMapView *self = ATLAS_MAP_VIEW (widget);
  ShumateViewport *viewport = get_viewport (self);

  shumate_viewport_set_zoom_level (viewport,
                                   floor (shumate_viewport_get_zoom_level (viewport) + 1e-6) + 1);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AtlasMapView *self = ATLAS_MAP_VIEW (widget);
  ShumateViewport *viewport = get_viewport (self);

  shumate_viewport_set_zoom_level (viewport,
                                   ceil (shumate_viewport_get_zoom_level (viewport) - 1e-6) - 1);
}

static void
pan_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  AtlasMapView *self = ATLAS_MAP_VIEW (widget);
  ShumateViewport *viewport = get_viewport (self);
  int width = gtk_widget_get_width (GTK_WIDGET (self->map));
  int height = gtk_widget_get_height (GTK_WIDGET (self->map));
  double lat, lon;
  int dx, dy;

  g_variant_get (parameter, "(ii)", &dx, &dy);
  if (width <= 0 || height <= 0)
    return;

  shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (self->map),
                                              width / 2.0 + dx * PAN_STEP,
                                              height / 2.0 + dy * PAN_STEP,
                                              &lat, &lon);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), lat, lon);
}

static void
frame_visible_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  atlas_map_view_frame_visible (ATLAS_MAP_VIEW (widget));
}

static void
atlas_map_view_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  AtlasMapView *self = ATLAS_MAP_VIEW (widget);

  gtk_widget_measure (GTK_WIDGET (self->overlay), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

/* the tiles a map of @width × @height shows at the viewport's zoom and centre, as
 * libshumate's layer places them (the map is never rotated): the centre at its whole
 * zoom level, half the size either way */
static void
tiles_in_view (AtlasMapView *self,
               int           width,
               int           height,
               guint        *zoom,
               int          *x0,
               int          *y0,
               int          *x1,
               int          *y1)
{
  ShumateViewport *viewport = get_viewport (self);
  int z = (int) shumate_viewport_get_zoom_level (viewport);
  double lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  double lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  double tile_size = shumate_map_source_get_tile_size (self->map_source);
  double cx = shumate_map_source_get_x (self->map_source, z, lon);
  double cy = shumate_map_source_get_y (self->map_source, z, lat);
  int rows = (int) shumate_map_source_get_row_count (self->map_source, z);

  *zoom = (guint) z;
  *x0 = (int) floor ((cx - width / 2.0) / tile_size);
  *x1 = (int) floor ((cx + width / 2.0 - 1) / tile_size);
  *y0 = MAX ((int) floor ((cy - height / 2.0) / tile_size), 0);
  *y1 = MIN ((int) floor ((cy + height / 2.0 - 1) / tile_size), rows - 1);
}

/* The first view of a dataset is known before its first frame; libshumate asks for
 * its tiles only after that frame, so the offline ones are drawn meanwhile. */
static void
prefetch_tiles (AtlasMapView *self,
                int           width,
                int           height)
{
  guint zoom;
  int x0, y0, x1, y1;

  if (!ATLAS_IS_BASEMAP_SOURCE (self->map_source))
    return;
  tiles_in_view (self, width, height, &zoom, &x0, &y0, &x1, &y1);
  atlas_basemap_source_prefetch (ATLAS_BASEMAP_SOURCE (self->map_source), zoom, x0, y0, x1,
                                 y1);
}

static void
atlas_map_view_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  AtlasMapView *self = ATLAS_MAP_VIEW (widget);
  gboolean framed = FALSE;

  /* a framing asked for before there was a size: now the zoom can be chosen */
  if (self->pending_frame && width > 1 && height > 1)
    {
      self->pending_frame = FALSE;
      framed = TRUE;
      if (isnan (self->pending_bounds[0]))
        frame_places (self, self->pending_max_zoom);
      else
        frame_box (self, self->pending_bounds[0], self->pending_bounds[1],
                   self->pending_bounds[2], self->pending_bounds[3], 0, self->pending_max_zoom);
    }
  if (self->pending_selection && width > 1 && height > 1)
    {
      self->pending_selection = FALSE;
      framed = TRUE;
      if (ensure_selection_visible (self))
        self->ensure_until = g_get_monotonic_time () + ENSURE_SETTLE_USEC;
    }
  else if (self->ensure_until != 0 &&
           (width != self->ensure_width || height != self->ensure_height))
    {
      if (g_get_monotonic_time () < self->ensure_until)
        ensure_selection_visible (self);
      else
        self->ensure_until = 0;
    }

  if (framed && self->map_source != NULL)
    prefetch_tiles (self, width, height);

  gtk_widget_allocate (GTK_WIDGET (self->overlay), width, height, baseline, NULL);
  gtk_popover_present (self->popover);
}

static void
atlas_map_view_dispose (GObject *object)
{
  AtlasMapView *self = ATLAS_MAP_VIEW (object);

  atlas_map_view_set_context (self, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_MAP_VIEW);

  g_clear_object (&self->map_source);
  g_clear_object (&self->blank_source);
  g_clear_object (&self->map_layer);
  g_clear_object (&self->area_layer);
  g_clear_object (&self->marker_layer);
  g_clear_object (&self->link_layer);
  g_clear_object (&self->popover_events);

  G_OBJECT_CLASS (atlas_map_view_parent_class)->dispose (object);
}

static void
atlas_map_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AtlasMapView *self = ATLAS_MAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_map_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  AtlasMapView *self = ATLAS_MAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      atlas_map_view_set_context (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_map_view_class_init (AtlasMapViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_map_view_dispose;
  object_class->get_property = atlas_map_view_get_property;
  object_class->set_property = atlas_map_view_set_property;

  widget_class->measure = atlas_map_view_measure;
  widget_class->size_allocate = atlas_map_view_size_allocate;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         ATLAS_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SHUMATE_TYPE_MAP);
  g_type_ensure (SHUMATE_TYPE_SCALE);
  g_type_ensure (SHUMATE_TYPE_LICENSE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/eventatlas/EventAtlas/atlas-map-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasMapView, overlay);
  gtk_widget_class_bind_template_child (widget_class, AtlasMapView, map);
  gtk_widget_class_bind_template_child (widget_class, AtlasMapView, scale);
  gtk_widget_class_bind_template_child (widget_class, AtlasMapView, license);
  gtk_widget_class_bind_template_child (widget_class, AtlasMapView, popover);
  gtk_widget_class_bind_template_child (widget_class, AtlasMapView, popover_title);
  gtk_widget_class_bind_template_child (widget_class, AtlasMapView, select_all_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasMapView, select_all_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasMapView, event_list);
  gtk_widget_class_bind_template_callback (widget_class, event_list_activate_cb);

  gtk_widget_class_install_action (widget_class, "map.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "map.pan", "(ii)", pan_action);
  gtk_widget_class_install_action (widget_class, "map.frame-visible", NULL, frame_visible_action);
  /* the events listed in the popover of a busy marker */
  gtk_widget_class_install_action (widget_class, "map.select-listed", NULL, select_listed_action);
  gtk_widget_class_install_action (widget_class, "map.select-listed-event", "u",
                                   select_listed_event_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "map.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "map.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "map.frame-visible", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK,
                                       "map.frame-visible", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "map.pan", "(ii)", -1, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "map.pan", "(ii)", 1, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "map.pan", "(ii)", 0, -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "map.pan", "(ii)", 0, 1);

  gtk_widget_class_set_css_name (widget_class, "atlas-map-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
atlas_map_view_init (AtlasMapView *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  g_autoptr(ShumateRasterRenderer) blank = NULL;
  ShumateViewport *viewport;
  GtkGesture *click;

  gtk_widget_init_template (GTK_WIDGET (self));

  viewport = get_viewport (self);
  shumate_scale_set_viewport (self->scale, viewport);

  /* Without a basemap the viewport still needs a reference source for its
   * projection.  This one is never drawn, so it never fetches a tile. */
  blank = shumate_raster_renderer_new_full_from_url ("atlas-blank", "", NULL, NULL, 0, 18, 256,
                                                     SHUMATE_MAP_PROJECTION_MERCATOR,
                                                     "file:///dev/null/{z}/{x}/{y}.png");
  self->blank_source = SHUMATE_MAP_SOURCE (g_steal_pointer (&blank));
  shumate_viewport_set_reference_map_source (viewport, self->blank_source);
  set_zoom_and_center (self, DEFAULT_ZOOM, DEFAULT_LATITUDE, DEFAULT_LONGITUDE);

  self->marker_layer = g_object_ref_sink (atlas_marker_layer_new (viewport));
  self->area_layer = g_object_ref_sink (atlas_area_layer_new (viewport, self->marker_layer));
  self->link_layer = g_object_ref_sink (atlas_link_layer_new (viewport, self->marker_layer));
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->area_layer));
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->link_layer));
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->marker_layer));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (click, "released", G_CALLBACK (marker_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->marker_layer), GTK_EVENT_CONTROLLER (click));

  /* the layer is only hit over its markers */
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->marker_layer), "pointer");

  gtk_widget_set_has_tooltip (GTK_WIDGET (self->marker_layer), TRUE);
  g_signal_connect_swapped (self->marker_layer, "query-tooltip",
                            G_CALLBACK (marker_query_tooltip_cb), self);

  self->popover_events = g_list_store_new (ATLAS_TYPE_EVENT);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (event_row_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (event_row_bind_cb), NULL);
  gtk_list_view_set_factory (self->event_list, factory);
  gtk_list_view_set_model (self->event_list,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->popover_events)))));
}

GtkWidget *
atlas_map_view_new (void)
{
  return g_object_new (ATLAS_TYPE_MAP_VIEW, NULL);
}

void
atlas_map_view_set_context (AtlasMapView *self,
                            AtlasContext *context)
{
  const AtlasViewHandler handlers[] = {
    { ATLAS_VIEW_ON_CONTEXT, "notify::dataset", G_CALLBACK (context_dataset_changed_cb) },
    { ATLAS_VIEW_ON_CONTEXT, "visible-changed", G_CALLBACK (context_visible_changed_cb) },
    { ATLAS_VIEW_ON_SELECTION, "changed", G_CALLBACK (selection_changed_cb) },
  };

  g_return_if_fail (ATLAS_IS_MAP_VIEW (self));
  g_return_if_fail (context == NULL || ATLAS_IS_CONTEXT (context));

  if (!atlas_view_context_swap (self, &self->context, context, handlers,
                                G_N_ELEMENTS (handlers)))
    return;
  self->selection = context != NULL ? atlas_context_get_selection (context) : NULL;
  self->pending_selection = FALSE;
  atlas_marker_layer_set_context (self->marker_layer, context);

  if (context != NULL && atlas_context_get_dataset (context) != NULL)
    context_dataset_changed_cb (self);

  gtk_popover_popdown (self->popover);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

AtlasContext *
atlas_map_view_get_context (AtlasMapView *self)
{
  g_return_val_if_fail (ATLAS_IS_MAP_VIEW (self), NULL);

  return self->context;
}

void
atlas_map_view_set_map_source (AtlasMapView     *self,
                               ShumateMapSource *source)
{
  ShumateViewport *viewport;
  double zoom, lat, lon;

  g_return_if_fail (ATLAS_IS_MAP_VIEW (self));
  g_return_if_fail (source == NULL || SHUMATE_IS_MAP_SOURCE (source));

  if (self->map_source == source)
    return;

  viewport = get_viewport (self);
  zoom = shumate_viewport_get_zoom_level (viewport);
  lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));

  if (self->map_layer != NULL)
    {
      shumate_map_remove_layer (self->map, SHUMATE_LAYER (self->map_layer));
      g_clear_object (&self->map_layer);
    }
  if (self->map_source != NULL)
    shumate_license_remove_map_source (self->license, self->map_source);

  g_set_object (&self->map_source, source);

  /* libshumate 1.0: a source draws nothing on a bare ShumateMap without a layer */
  shumate_viewport_set_reference_map_source (viewport, source != NULL ? source : self->blank_source);
  if (source != NULL)
    {
      self->map_layer = g_object_ref_sink (shumate_map_layer_new (source, viewport));
      shumate_map_insert_layer_behind (self->map, SHUMATE_LAYER (self->map_layer),
                                       SHUMATE_LAYER (self->area_layer));
      shumate_license_append_map_source (self->license, source);
    }

  /* Tells the new layer where the view is, so that it asks for its tiles.  Before
   * the map is shown it would ask for those of an unallocated layer around the
   * default view (wasted work at startup): its first allocation asks for the
   * right ones. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    set_zoom_and_center (self, zoom, lat, lon);
}

ShumateMap *
atlas_map_view_get_map (AtlasMapView *self)
{
  g_return_val_if_fail (ATLAS_IS_MAP_VIEW (self), NULL);

  return self->map;
}

void
atlas_map_view_frame_visible (AtlasMapView *self)
{
  g_return_if_fail (ATLAS_IS_MAP_VIEW (self));

  frame_places (self, FRAME_MAX_ZOOM);
}

void
atlas_map_view_frame_bounds (AtlasMapView *self,
                             double        min_lat,
                             double        min_lon,
                             double        max_lat,
                             double        max_lon)
{
  g_return_if_fail (ATLAS_IS_MAP_VIEW (self));
  g_return_if_fail (min_lat <= max_lat && min_lon <= max_lon);

  frame_box (self, min_lat, min_lon, max_lat, max_lon, 0,
             shumate_viewport_get_max_zoom_level (get_viewport (self)));
}

static double
zoom_for_kind (AtlasLocationKind kind)
{
  switch (kind)
    {
    case ATLAS_LOCATION_KIND_COUNTRY:
    case ATLAS_LOCATION_KIND_SEA:
      return 5;
    case ATLAS_LOCATION_KIND_REGION:
      return 7;
    case ATLAS_LOCATION_KIND_CITY:
      return 11;
    case ATLAS_LOCATION_KIND_DISTRICT:
      return 13;
    case ATLAS_LOCATION_KIND_NEIGHBOURHOOD:
      return 14;
    case ATLAS_LOCATION_KIND_SITE:
      return 15;
    case ATLAS_LOCATION_KIND_OTHER:
    default:
      return 12;
    }
}

void
atlas_map_view_center_on (AtlasMapView  *self,
                          AtlasLocation *location)
{
  ShumateViewport *viewport;
  const double *area;
  guint n_points;
  double zoom;

  g_return_if_fail (ATLAS_IS_MAP_VIEW (self));
  g_return_if_fail (ATLAS_IS_LOCATION (location));

  area = atlas_location_get_area (location, &n_points);
  if (area != NULL && n_points >= 3)
    {
      double box[4] = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };

      for (guint i = 0; i < n_points; i++)
        {
          box[0] = MIN (box[0], area[2 * i + 1]);
          box[1] = MIN (box[1], area[2 * i]);
          box[2] = MAX (box[2], area[2 * i + 1]);
          box[3] = MAX (box[3], area[2 * i]);
        }
      atlas_map_view_frame_bounds (self, box[0], box[1], box[2], box[3]);
      return;
    }

  /* zoom in to the place's scale, never out */
  viewport = get_viewport (self);
  zoom = MAX (shumate_viewport_get_zoom_level (viewport),
              zoom_for_kind (atlas_location_get_kind (location)));
  set_zoom_and_center (self, zoom,
                       atlas_location_get_latitude (location),
                       atlas_location_get_longitude (location));
}

gboolean
atlas_map_view_get_location_position (AtlasMapView  *self,
                                      AtlasLocation *location,
                                      double        *x,
                                      double        *y)
{
  graphene_point_t point;
  double lx, ly;
  int marker;

  g_return_val_if_fail (ATLAS_IS_MAP_VIEW (self), FALSE);
  g_return_val_if_fail (ATLAS_IS_LOCATION (location), FALSE);

  marker = atlas_marker_layer_lookup_location (self->marker_layer, location);
  if (marker < 0 ||
      !atlas_marker_layer_get_marker_position (self->marker_layer, marker, &lx, &ly, NULL))
    return FALSE;

  if (!gtk_widget_compute_point (GTK_WIDGET (self->marker_layer), GTK_WIDGET (self),
                                 &GRAPHENE_POINT_INIT (lx, ly), &point))
    return FALSE;

  if (x != NULL)
    *x = point.x;
  if (y != NULL)
    *y = point.y;

  return TRUE;
}

void
atlas_map_view_click_at (AtlasMapView *self,
                         double        x,
                         double        y)
{
  graphene_point_t point;
  int marker;

  g_return_if_fail (ATLAS_IS_MAP_VIEW (self));

  if (self->context == NULL)
    return;

  if (!gtk_widget_compute_point (GTK_WIDGET (self), GTK_WIDGET (self->marker_layer),
                                 &GRAPHENE_POINT_INIT (x, y), &point))
    return;

  marker = atlas_marker_layer_pick (self->marker_layer, point.x, point.y);
  if (marker >= 0)
    activate_marker (self, marker);
}

gboolean
atlas_map_view_location_is_highlighted (AtlasMapView  *self,
                                        AtlasLocation *location)
{
  int marker;

  g_return_val_if_fail (ATLAS_IS_MAP_VIEW (self), FALSE);
  g_return_val_if_fail (ATLAS_IS_LOCATION (location), FALSE);

  if (atlas_marker_layer_location_is_highlighted (self->marker_layer, location))
    return TRUE;

  /* drawn in a highlighted marker (al-Furqan shares one with its field hospital) */
  marker = atlas_marker_layer_lookup_location (self->marker_layer, location);

  return marker >= 0 && atlas_marker_layer_marker_is_highlighted (self->marker_layer, marker);
}

guint
atlas_map_view_get_n_markers (AtlasMapView *self)
{
  g_return_val_if_fail (ATLAS_IS_MAP_VIEW (self), 0);

  return atlas_marker_layer_get_n_markers (self->marker_layer);
}

/* The marker tooltip at @x, @y (map view coordinates), or NULL: the place's
 * name, plain text, on its own line */
char *
atlas_map_view_dup_tooltip_at (AtlasMapView *self,
                               double        x,
                               double        y)
{
  g_autofree char *name = NULL;
  double layer_x, layer_y;
  int marker;
  guint count;

  g_return_val_if_fail (ATLAS_IS_MAP_VIEW (self), NULL);

  if (self->context == NULL
      || !gtk_widget_translate_coordinates (GTK_WIDGET (self), GTK_WIDGET (self->marker_layer),
                                            x, y, &layer_x, &layer_y))
    return NULL;

  marker = atlas_marker_layer_pick (self->marker_layer, layer_x, layer_y);
  if (marker < 0)
    return NULL;

  name = marker_name (self, marker);
  count = atlas_marker_layer_get_marker_count (self->marker_layer, marker);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s\n%u event", "%s\n%u events", count),
                          name, count);
}

gboolean
atlas_map_view_get_visible_tiles (AtlasMapView *self,
                                  guint        *zoom,
                                  int          *x0,
                                  int          *y0,
                                  int          *x1,
                                  int          *y1)
{
  int width, height;

  g_return_val_if_fail (ATLAS_IS_MAP_VIEW (self), FALSE);

  if (self->map_source == NULL || self->map_layer == NULL || self->pending_frame)
    return FALSE;
  width = gtk_widget_get_width (GTK_WIDGET (self->map_layer));
  height = gtk_widget_get_height (GTK_WIDGET (self->map_layer));
  if (width <= 1 || height <= 1)
    return FALSE;

  tiles_in_view (self, width, height, zoom, x0, y0, x1, y1);
  return TRUE;
}

GtkPopover *
atlas_map_view_get_event_popover (AtlasMapView *self)
{
  g_return_val_if_fail (ATLAS_IS_MAP_VIEW (self), NULL);

  return self->popover;
}
