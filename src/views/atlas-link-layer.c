/* atlas-link-layer.c — lines between the places of the selected events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "atlas-map"

#include "config.h"

#include <math.h>

#include <adwaita.h>

#include "atlas-link-layer.h"
#include "atlas-palette.h"

/* a selection of thousands of events draws the first ones only */
#define MAX_EVENTS   500
#define ARROW_LENGTH 11.0
#define ARROW_WIDTH   5.0
#define BULGE         0.12

typedef enum {
  LINK_ABOUT,
  LINK_DIRECTED,
} LinkKind;

typedef struct {
  double   x0, y0, r0;
  double   x1, y1, r1;
  LinkKind kind;
  GdkRGBA  color;
} Link;

struct _AtlasLinkLayer
{
  ShumateLayer      parent_instance;

  /* owned reference: the sibling layer with marker positions */
  AtlasMarkerLayer *markers;

  guint             n_links;
};

G_DEFINE_FINAL_TYPE (AtlasLinkLayer, atlas_link_layer, SHUMATE_TYPE_LAYER)

/* where the line to @location ends: its marker, or the place itself without one */
static void
place_position (AtlasLinkLayer *self,
                AtlasLocation  *location,
                double         *x,
                double         *y,
                double         *radius)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  int marker = atlas_marker_layer_lookup_location (self->markers, location);

  if (marker >= 0 && atlas_marker_layer_get_marker_position (self->markers, marker, x, y, radius))
    {
      /* the selection ring around it */
      *radius += 6.0;
      return;
    }

  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self),
                                              atlas_location_get_latitude (location),
                                              atlas_location_get_longitude (location),
                                              x, y);
  *radius = 3.0;
}

static void
add_link (AtlasLinkLayer *self,
          GArray         *links,
          GHashTable     *seen,
          AtlasLocation  *from,
          AtlasLocation  *to,
          LinkKind        kind,
          const GdkRGBA  *color)
{
  g_autofree char *key = NULL;
  Link link = { 0, };

  if (from == to)
    return;

  key = g_strdup_printf ("%u>%u:%d", atlas_location_get_index (from),
                         atlas_location_get_index (to), kind);
  if (g_hash_table_contains (seen, key))
    return;

  place_position (self, from, &link.x0, &link.y0, &link.r0);
  place_position (self, to, &link.x1, &link.y1, &link.r1);

  /* both ends inside one marker: nothing to show */
  if (hypot (link.x1 - link.x0, link.y1 - link.y0) <= link.r0 + link.r1 + 4)
    return;

  link.kind = kind;
  link.color = *color;
  g_array_append_val (links, link);
  g_hash_table_add (seen, g_steal_pointer (&key));
}

static void
collect_links (AtlasLinkLayer *self,
               AtlasSelection *selection,
               gboolean        dark,
               GArray         *links)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_events = MIN (atlas_selection_get_n_events (selection), MAX_EVENTS);

  for (guint i = 0; i < n_events; i++)
    {
      AtlasEvent *event = atlas_selection_get_event (selection, i);
      guint n_places = atlas_event_get_n_places (event);
      g_autoptr(GPtrArray) occurred = g_ptr_array_new ();
      g_autoptr(GPtrArray) about = g_ptr_array_new ();
      g_autoptr(GPtrArray) origins = g_ptr_array_new ();
      g_autoptr(GPtrArray) destinations = g_ptr_array_new ();
      GdkRGBA color;

      for (guint p = 0; p < n_places; p++)
        {
          AtlasPlaceRole role;
          AtlasLocation *location = atlas_event_get_place (event, p, &role);

          switch (role)
            {
            case ATLAS_PLACE_ROLE_OCCURRED:
              g_ptr_array_add (occurred, location);
              break;
            case ATLAS_PLACE_ROLE_ABOUT:
              g_ptr_array_add (about, location);
              break;
            case ATLAS_PLACE_ROLE_ORIGIN:
              g_ptr_array_add (origins, location);
              break;
            case ATLAS_PLACE_ROLE_DESTINATION:
              g_ptr_array_add (destinations, location);
              break;
            default:
              break;
            }
        }

      if (n_places < 2)
        continue;

      atlas_palette_category_color (atlas_event_get_category (event), dark, &color);

      for (guint a = 0; a < about->len; a++)
        for (guint o = 0; o < occurred->len; o++)
          add_link (self, links, seen, occurred->pdata[o], about->pdata[a], LINK_ABOUT, &color);

      if (origins->len > 0 && destinations->len > 0)
        {
          for (guint a = 0; a < origins->len; a++)
            for (guint b = 0; b < destinations->len; b++)
              add_link (self, links, seen, origins->pdata[a], destinations->pdata[b],
                        LINK_DIRECTED, &color);
        }
      else
        {
          for (guint a = 0; a < origins->len; a++)
            for (guint o = 0; o < occurred->len; o++)
              add_link (self, links, seen, origins->pdata[a], occurred->pdata[o],
                        LINK_DIRECTED, &color);
          for (guint o = 0; o < occurred->len; o++)
            for (guint b = 0; b < destinations->len; b++)
              add_link (self, links, seen, occurred->pdata[o], destinations->pdata[b],
                        LINK_DIRECTED, &color);
        }
    }
}

/* A gentle arc from one marker's edge to the other's: a quadratic curve whose
 * control point sits off the chord, so that crossing links stay apart. */
static void
draw_link (cairo_t    *cr,
           const Link *link,
           gboolean    dark)
{
  const double dashes[] = { 7.0, 5.0 };
  double dx = link->x1 - link->x0;
  double dy = link->y1 - link->y0;
  double length = hypot (dx, dy);
  double ux = dx / length, uy = dy / length;
  double cx = (link->x0 + link->x1) / 2 - uy * length * BULGE;
  double cy = (link->y0 + link->y1) / 2 + ux * length * BULGE;
  double ax, ay, bx, by, tx, ty, tl;
  double casing = dark ? 0.0 : 1.0;

  /* start and end on the markers' edges, along the curve's tangents */
  tx = cx - link->x0;
  ty = cy - link->y0;
  tl = hypot (tx, ty);
  ax = link->x0 + tx / tl * link->r0;
  ay = link->y0 + ty / tl * link->r0;

  tx = link->x1 - cx;
  ty = link->y1 - cy;
  tl = hypot (tx, ty);
  bx = link->x1 - tx / tl * link->r1;
  by = link->y1 - ty / tl * link->r1;

  cairo_new_path (cr);
  cairo_move_to (cr, ax, ay);
  cairo_curve_to (cr,
                  ax + 2.0 / 3.0 * (cx - ax), ay + 2.0 / 3.0 * (cy - ay),
                  bx + 2.0 / 3.0 * (cx - bx), by + 2.0 / 3.0 * (cy - by),
                  bx, by);

  if (link->kind == LINK_ABOUT)
    cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);

  /* a casing keeps the line readable on any basemap */
  cairo_set_source_rgba (cr, casing, casing, casing, 0.8);
  cairo_set_line_width (cr, 5.0);
  cairo_stroke_preserve (cr);
  gdk_cairo_set_source_rgba (cr, &link->color);
  cairo_set_line_width (cr, 2.5);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  if (link->kind == LINK_DIRECTED)
    {
      double nx = tx / tl, ny = ty / tl;

      cairo_move_to (cr, bx, by);
      cairo_line_to (cr, bx - nx * ARROW_LENGTH - ny * ARROW_WIDTH,
                     by - ny * ARROW_LENGTH + nx * ARROW_WIDTH);
      cairo_line_to (cr, bx - nx * ARROW_LENGTH + ny * ARROW_WIDTH,
                     by - ny * ARROW_LENGTH - nx * ARROW_WIDTH);
      cairo_close_path (cr);
      cairo_set_source_rgba (cr, casing, casing, casing, 0.8);
      cairo_set_line_width (cr, 2.5);
      cairo_stroke_preserve (cr);
      gdk_cairo_set_source_rgba (cr, &link->color);
      cairo_fill (cr);
    }
  else
    {
      /* a dot where the talk is about */
      cairo_arc (cr, bx, by, 3.5, 0, 2 * G_PI);
      cairo_set_source_rgba (cr, casing, casing, casing, 0.8);
      cairo_set_line_width (cr, 2.0);
      cairo_stroke_preserve (cr);
      gdk_cairo_set_source_rgba (cr, &link->color);
      cairo_fill (cr);
    }
}

static void
redraw_cb (AtlasLinkLayer *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
atlas_link_layer_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  AtlasLinkLayer *self = ATLAS_LINK_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  g_autoptr(GArray) links = g_array_new (FALSE, FALSE, sizeof (Link));
  AtlasContext *context;
  cairo_t *cr;

  self->n_links = 0;

  if (width <= 0 || height <= 0 || shumate_viewport_get_reference_map_source (viewport) == NULL)
    return;

  context = atlas_marker_layer_get_context (self->markers);
  if (context == NULL || atlas_context_get_dataset (context) == NULL)
    return;

  collect_links (self, atlas_context_get_selection (context), dark, links);
  self->n_links = links->len;
  if (links->len == 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < links->len; i++)
    draw_link (cr, &g_array_index (links, Link, i), dark);
  cairo_destroy (cr);
}

static void
atlas_link_layer_constructed (GObject *object)
{
  AtlasLinkLayer *self = ATLAS_LINK_LAYER (object);

  G_OBJECT_CLASS (atlas_link_layer_parent_class)->constructed (object);

  g_signal_connect_object (shumate_layer_get_viewport (SHUMATE_LAYER (self)), "notify",
                           G_CALLBACK (redraw_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (redraw_cb), self, G_CONNECT_SWAPPED);
}

static void
atlas_link_layer_dispose (GObject *object)
{
  AtlasLinkLayer *self = ATLAS_LINK_LAYER (object);

  g_clear_object (&self->markers);

  G_OBJECT_CLASS (atlas_link_layer_parent_class)->dispose (object);
}

static void
atlas_link_layer_class_init (AtlasLinkLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = atlas_link_layer_constructed;
  object_class->dispose = atlas_link_layer_dispose;

  widget_class->snapshot = atlas_link_layer_snapshot;
}

static void
atlas_link_layer_init (AtlasLinkLayer *self)
{
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

AtlasLinkLayer *
atlas_link_layer_new (ShumateViewport  *viewport,
                      AtlasMarkerLayer *markers)
{
  AtlasLinkLayer *self;

  g_return_val_if_fail (SHUMATE_IS_VIEWPORT (viewport), NULL);
  g_return_val_if_fail (ATLAS_IS_MARKER_LAYER (markers), NULL);

  self = g_object_new (ATLAS_TYPE_LINK_LAYER, "viewport", viewport, NULL);
  self->markers = g_object_ref (markers);
  g_signal_connect_object (markers, "changed", G_CALLBACK (redraw_cb), self, G_CONNECT_SWAPPED);

  return self;
}

guint
atlas_link_layer_get_n_links (AtlasLinkLayer *self)
{
  g_return_val_if_fail (ATLAS_IS_LINK_LAYER (self), 0);

  return self->n_links;
}
