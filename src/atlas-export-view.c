/* atlas-export-view.c — exporting what the window shows: the view as an image,
 * the visible events as CSV or GeoJSON, the view as a file or a link
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The image is composed with Cairo: the map's and the timeline's render nodes
 * (gtk_widget_paintable_new → GskRenderNode → gsk_render_node_draw), scaled to
 * fit, and a legend written with Pango as plain text.  One code path serves
 * PNG (image surface), SVG and PDF (vector surfaces).
 */

#define G_LOG_DOMAIN "atlas-export"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>

#include "atlas-export-events.h"
#include "atlas-export-view.h"
#include "atlas-palette.h"
#include "atlas-view-state.h"
#include "atlas-window-private.h"

#define MIN_EXPORT_SIZE 200
#define MAX_EXPORT_SIZE 10000

static const char * const format_extensions[] = { "png", "svg", "pdf" };

/* Composition */

typedef struct {
  cairo_t  *cr;
  double    x;
  double    y;
  double    width;
  double    bottom;
  double    font_px;
  gboolean  dark;
} Legend;

static GskRenderNode *
snapshot_widget (GtkWidget *widget,
                 int       *width,
                 int       *height)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  GtkSnapshot *snapshot;

  *width = gtk_widget_get_width (widget);
  *height = gtk_widget_get_height (widget);
  if (*width <= 0 || *height <= 0 || !gtk_widget_get_mapped (widget))
    return NULL;

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), *width, *height);

  return gtk_snapshot_free_to_node (snapshot);
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = find_descendant (child, type)) != NULL)
        return found;
    }

  return NULL;
}

/* The map without its controls: the ShumateMap (basemap, areas, markers) and
 * its scale where it is shown; the attribution goes in the legend. */
static GskRenderNode *
snapshot_map (AtlasMapView *map_view,
              int          *width,
              int          *height)
{
  GtkWidget *map = GTK_WIDGET (atlas_map_view_get_map (map_view));
  GtkWidget *scale = find_descendant (GTK_WIDGET (map_view), SHUMATE_TYPE_SCALE);
  g_autoptr(GskRenderNode) map_node = NULL;
  g_autoptr(GskRenderNode) scale_node = NULL;
  graphene_rect_t map_bounds, scale_bounds;
  GtkSnapshot *snapshot;
  int sw, sh;

  *width = gtk_widget_get_width (GTK_WIDGET (map_view));
  *height = gtk_widget_get_height (GTK_WIDGET (map_view));
  if (!gtk_widget_compute_bounds (map, GTK_WIDGET (map_view), &map_bounds))
    return NULL;
  map_node = snapshot_widget (map, &sw, &sh);
  if (map_node == NULL)
    return NULL;

  snapshot = gtk_snapshot_new ();
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &map_bounds.origin);
  gtk_snapshot_append_node (snapshot, map_node);
  gtk_snapshot_restore (snapshot);

  if (scale != NULL && gtk_widget_get_visible (scale) &&
      gtk_widget_compute_bounds (scale, GTK_WIDGET (map_view), &scale_bounds) &&
      (scale_node = snapshot_widget (scale, &sw, &sh)) != NULL)
    {
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &scale_bounds.origin);
      gtk_snapshot_append_node (snapshot, scale_node);
      gtk_snapshot_restore (snapshot);
    }

  return gtk_snapshot_free_to_node (snapshot);
}

/* Draws @node (of size @nw × @nh) scaled to fit the box, centred, clipped. */
static void
draw_node_fitted (cairo_t       *cr,
                  GskRenderNode *node,
                  int            nw,
                  int            nh,
                  double         x,
                  double         y,
                  double         w,
                  double         h)
{
  double scale = MIN (w / nw, h / nh);

  cairo_save (cr);
  cairo_rectangle (cr, x, y, w, h);
  cairo_clip (cr);
  cairo_translate (cr, x + (w - nw * scale) / 2, y + (h - nh * scale) / 2);
  cairo_scale (cr, scale, scale);
  cairo_rectangle (cr, 0, 0, nw, nh);
  cairo_clip (cr);
  gsk_render_node_draw (node, cr);
  cairo_restore (cr);
}

static void
set_text_color (Legend *legend,
                double  alpha)
{
  if (legend->dark)
    cairo_set_source_rgba (legend->cr, 1, 1, 1, alpha);
  else
    cairo_set_source_rgba (legend->cr, 0, 0, 0, alpha * 0.85);
}

/* Writes @text (plain text, never markup) and moves down. */
static void
legend_text (Legend     *legend,
             const char *text,
             double      size,
             gboolean    bold,
             double      alpha,
             double      indent)
{
  g_autoptr(PangoLayout) layout = NULL;
  PangoFontDescription *font;
  int width, height;

  if (text == NULL || *text == '\0' || legend->y >= legend->bottom)
    return;

  layout = pango_cairo_create_layout (legend->cr);
  font = pango_font_description_from_string ("Sans");
  pango_font_description_set_absolute_size (font, legend->font_px * size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_width (layout, (int) ((legend->width - indent) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);

  set_text_color (legend, alpha);
  cairo_move_to (legend->cr, legend->x + indent, legend->y);
  pango_cairo_show_layout (legend->cr, layout);

  pango_layout_get_pixel_size (layout, &width, &height);
  legend->y += height + legend->font_px * 0.35;
}

static void
legend_gap (Legend *legend)
{
  legend->y += legend->font_px * 0.8;
}

static void
legend_swatch (Legend        *legend,
               const GdkRGBA *color,
               const char    *label)
{
  double size = legend->font_px;

  if (legend->y >= legend->bottom)
    return;

  cairo_save (legend->cr);
  cairo_arc (legend->cr, legend->x + size / 2, legend->y + size * 0.65, size * 0.42, 0, 2 * G_PI);
  gdk_cairo_set_source_rgba (legend->cr, color);
  cairo_fill (legend->cr);
  cairo_restore (legend->cr);

  legend_text (legend, label, 1.0, FALSE, 1.0, size * 1.5);
}

typedef struct {
  const char *category;
  guint       count;
} CategoryCount;

static int
compare_category_counts (gconstpointer a,
                         gconstpointer b)
{
  const CategoryCount *ca = a, *cb = b;

  if (ca->count != cb->count)
    return ca->count > cb->count ? -1 : 1;
  if (ca->category == NULL || cb->category == NULL)
    return ca->category == NULL ? 1 : -1;

  return g_utf8_collate (ca->category, cb->category);
}

static char *
format_day (gint64 instant)
{
  return atlas_time_format_human (instant, 0, ATLAS_PRECISION_DAY, ATLAS_BASIS_STATED);
}

static char *
describe_time (AtlasContext *context)
{
  AtlasDataset *dataset = atlas_context_get_dataset (context);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  gint64 from, to;

  atlas_filter_get_time_window (atlas_context_get_filter (context), &from, &to);
  if (from != ATLAS_TIME_NONE && to != ATLAS_TIME_NONE)
    {
      g_autofree char *a = format_day (from);
      g_autofree char *b = format_day (to - 1);

      /* Translators: a time window, e.g. "From Monday 1 … to Monday 5 December 2016" */
      g_ptr_array_add (lines, g_strdup_printf (_("From %s to %s"), a, b));
    }
  else if (from != ATLAS_TIME_NONE)
    {
      g_autofree char *a = format_day (from);

      g_ptr_array_add (lines, g_strdup_printf (_("From %s"), a));
    }
  else if (to != ATLAS_TIME_NONE)
    {
      g_autofree char *b = format_day (to - 1);

      g_ptr_array_add (lines, g_strdup_printf (_("Until %s"), b));
    }

  if (atlas_context_get_up_to_playhead (context) &&
      atlas_context_get_playhead (context) != ATLAS_TIME_NONE)
    {
      g_autofree char *p = format_day (atlas_context_get_playhead (context));

      /* Translators: %s is a date */
      g_ptr_array_add (lines, g_strdup_printf (_("Events up to %s"), p));
    }

  if (lines->len == 0 && dataset != NULL && atlas_dataset_get_time_range (dataset, &from, &to))
    {
      g_autofree char *a = format_day (from);
      g_autofree char *b = format_day (to - 1);

      /* Translators: the dataset's whole time range */
      g_ptr_array_add (lines, g_strdup_printf (_("All dates: %s – %s"), a, b));
    }

  g_ptr_array_add (lines, NULL);

  return g_strjoinv ("\n", (char **) lines->pdata);
}

static char *
describe_actors (AtlasFilter *filter)
{
  g_autoptr(GPtrArray) actors = atlas_filter_dup_actors (filter);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree char *joined = NULL;

  if (actors->len == 0)
    return g_strdup (_("Actors: all"));

  for (guint i = 0; i < actors->len; i++)
    g_ptr_array_add (names, (gpointer) atlas_actor_get_name (g_ptr_array_index (actors, i)));
  g_ptr_array_add (names, NULL);
  joined = g_strjoinv (", ", (char **) names->pdata);

  if (actors->len > 1 && atlas_filter_get_match_all (filter))
    /* Translators: %s is a list of actor names */
    return g_strdup_printf (_("Actors: %s (events with all of them)"), joined);

  /* Translators: %s is a list of actor names */
  return g_strdup_printf (_("Actors: %s"), joined);
}

static char *
describe_credit (AtlasDataset *dataset)
{
  GListModel *sources = atlas_dataset_get_sources (dataset);
  g_autoptr(AtlasSource) source = NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autofree char *joined = NULL;

  if (g_list_model_get_n_items (sources) == 0)
    return NULL;

  source = g_list_model_get_item (sources, 0);
  if (atlas_source_get_publisher (source) != NULL)
    g_ptr_array_add (parts, (gpointer) atlas_source_get_publisher (source));
  if (atlas_source_get_dateline (source) != NULL)
    g_ptr_array_add (parts, (gpointer) atlas_source_get_dateline (source));
  if (atlas_source_get_published (source) != NULL)
    g_ptr_array_add (parts, (gpointer) atlas_source_get_published (source));
  if (atlas_source_get_title (source) != NULL)
    g_ptr_array_add (parts, (gpointer) atlas_source_get_title (source));
  if (parts->len == 0)
    return NULL;
  g_ptr_array_add (parts, NULL);
  joined = g_strjoinv (" · ", (char **) parts->pdata);

  /* Translators: %s is the publisher, dateline, date and title of the report */
  return g_strdup_printf (_("Source: %s"), joined);
}

static void
draw_legend (AtlasWindow *self,
             Legend      *legend)
{
  AtlasContext *context = self->context;
  AtlasDataset *dataset = atlas_context_get_dataset (context);
  AtlasFilter *filter = atlas_context_get_filter (context);
  AtlasSelection *selection = atlas_context_get_selection (context);
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) categories = g_array_new (FALSE, FALSE, sizeof (CategoryCount));
  g_autofree char *credit = NULL;
  g_autofree char *count = NULL;
  g_autofree char *time = NULL;
  g_autofree char *actors = NULL;
  const char *license = NULL;
  const guint *visible;
  guint n_visible, total, n_uncategorised = 0;

  legend_text (legend, atlas_dataset_get_title (dataset), 1.45, TRUE, 1.0, 0);
  credit = describe_credit (dataset);
  legend_text (legend, credit, 0.9, FALSE, 0.7, 0);
  legend_gap (legend);

  visible = atlas_context_get_visible (context, &n_visible);
  total = atlas_dataset_get_n_events (dataset);
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u event", "%u of %u events",
                                        total), n_visible, total);
  legend_text (legend, count, 1.15, TRUE, 1.0, 0);
  time = describe_time (context);
  legend_text (legend, time, 1.0, FALSE, 1.0, 0);
  actors = describe_actors (filter);
  legend_text (legend, actors, 1.0, FALSE, 1.0, 0);
  if (atlas_filter_get_search (filter) != NULL && *atlas_filter_get_search (filter) != '\0')
    {
      /* Translators: %s is the text searched for */
      g_autofree char *search = g_strdup_printf (_("Search: “%s”"), atlas_filter_get_search (filter));

      legend_text (legend, search, 1.0, FALSE, 1.0, 0);
    }
  if (atlas_selection_get_n_events (selection) == 1)
    {
      /* Translators: %s is an event's title */
      g_autofree char *selected = g_strdup_printf (_("Selected: %s"),
                                                   atlas_event_get_title (atlas_selection_get_first (selection)));

      legend_text (legend, selected, 1.0, FALSE, 1.0, 0);
    }
  else if (atlas_selection_get_n_events (selection) > 1)
    {
      guint n = atlas_selection_get_n_events (selection);
      g_autofree char *selected = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "%u event selected",
                                                                "%u events selected", n), n);

      legend_text (legend, selected, 1.0, FALSE, 1.0, 0);
    }
  legend_gap (legend);

  /* the categories of the visible events, most frequent first */
  for (guint i = 0; i < n_visible; i++)
    {
      const char *category = atlas_event_get_category (atlas_dataset_get_event (dataset, visible[i]));

      if (category == NULL)
        n_uncategorised++;
      else
        g_hash_table_insert (counts, (gpointer) category,
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, category)) + 1));
    }
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, counts);
    while (g_hash_table_iter_next (&iter, &key, &value))
      g_array_append_val (categories, ((CategoryCount) { key, GPOINTER_TO_UINT (value) }));
    if (n_uncategorised > 0)
      g_array_append_val (categories, ((CategoryCount) { NULL, n_uncategorised }));
  }
  g_array_sort (categories, compare_category_counts);

  if (categories->len > 0)
    legend_text (legend, _("Categories"), 1.0, TRUE, 1.0, 0);
  for (guint i = 0; i < categories->len; i++)
    {
      CategoryCount *entry = &g_array_index (categories, CategoryCount, i);
      g_autofree char *label = NULL;
      GdkRGBA color;

      atlas_palette_category_color (entry->category, legend->dark, &color);
      /* Translators: a category and its number of visible events, "military (12)" */
      label = g_strdup_printf (_("%s (%u)"),
                               entry->category != NULL ? entry->category : _("no category"),
                               entry->count);
      legend_swatch (legend, &color, label);
    }

  /* attribution at the foot of the legend */
  if (self->basemap != NULL)
    license = shumate_map_source_get_license (SHUMATE_MAP_SOURCE (self->basemap));
  if (license != NULL)
    {
      const char *text = license;
      g_autoptr(PangoLayout) layout = pango_cairo_create_layout (legend->cr);
      PangoFontDescription *font = pango_font_description_from_string ("Sans");
      int width, height;

      pango_font_description_set_absolute_size (font, legend->font_px * 0.8 * PANGO_SCALE);
      pango_layout_set_font_description (layout, font);
      pango_font_description_free (font);
      pango_layout_set_width (layout, (int) (legend->width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_text (layout, text, -1);
      pango_layout_get_pixel_size (layout, &width, &height);
      set_text_color (legend, 0.6);
      cairo_move_to (legend->cr, legend->x, legend->bottom + legend->font_px - height);
      pango_cairo_show_layout (legend->cr, layout);
    }
}

static void
paint_background (cairo_t  *cr,
                  gboolean  dark,
                  double    x,
                  double    y,
                  double    width,
                  double    height)
{
  if (dark)
    cairo_set_source_rgb (cr, 0.14, 0.14, 0.14);
  else
    cairo_set_source_rgb (cr, 0.98, 0.98, 0.98);
  cairo_rectangle (cr, x, y, width, height);
  cairo_fill (cr);
}

static gboolean
compose (AtlasWindow  *self,
         cairo_t      *cr,
         int           width,
         int           height,
         GError      **error)
{
  g_autoptr(GskRenderNode) map_node = NULL;
  g_autoptr(GskRenderNode) timeline_node = NULL;
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  double legend_width, content_width, timeline_height, map_height, pad;
  int mw, mh, tw, th;
  Legend legend;

  map_node = snapshot_map (self->map_view, &mw, &mh);
  timeline_node = snapshot_widget (GTK_WIDGET (self->timeline), &tw, &th);
  if (map_node == NULL || timeline_node == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("The map and the timeline are not shown, so there is nothing to export"));
      return FALSE;
    }

  legend_width = CLAMP (width * 0.26, MIN (width * 0.4, 180), 460);
  content_width = width - legend_width;
  timeline_height = CLAMP (height * 0.3, 80, content_width * th / tw);
  map_height = height - timeline_height;

  paint_background (cr, dark, 0, 0, width, height);

  /* each part paints its own background first: vector surfaces do not
   * always keep a scaled node inside its clip */
  draw_node_fitted (cr, map_node, mw, mh, 0, 0, content_width, map_height);
  paint_background (cr, dark, 0, map_height, content_width, height - map_height);
  draw_node_fitted (cr, timeline_node, tw, th, 0, map_height, content_width, timeline_height);
  paint_background (cr, dark, content_width, 0, width - content_width, height);

  /* hairlines between the parts */
  cairo_set_source_rgba (cr, dark ? 1 : 0, dark ? 1 : 0, dark ? 1 : 0, 0.15);
  cairo_rectangle (cr, 0, map_height, content_width, 1);
  cairo_rectangle (cr, content_width, 0, 1, height);
  cairo_fill (cr);

  pad = CLAMP (legend_width * 0.06, 8, 24);
  legend = (Legend) {
    .cr = cr,
    .x = content_width + pad,
    .y = pad,
    .width = legend_width - 2 * pad,
    .font_px = CLAMP (height / 60.0, 9, 22),
    .dark = dark,
  };
  legend.bottom = height - pad - legend.font_px * 3;
  cairo_save (cr);
  cairo_rectangle (cr, content_width, 0, legend_width, height);
  cairo_clip (cr);
  draw_legend (self, &legend);
  cairo_restore (cr);

  return TRUE;
}

static cairo_status_t
write_to_bytes_cb (void                *closure,
                   const unsigned char *data,
                   unsigned int         length)
{
  g_byte_array_append (closure, data, length);

  return CAIRO_STATUS_SUCCESS;
}

/* cairo writes text as glyph outlines: give the SVG a title and a description
 * that say what it shows, as text */
static void
add_svg_title (GByteArray   *svg,
               AtlasDataset *dataset)
{
  g_autofree char *title = g_markup_escape_text (atlas_dataset_get_title (dataset) != NULL
                                                 ? atlas_dataset_get_title (dataset) : "", -1);
  g_autofree char *credit = describe_credit (dataset);
  g_autofree char *desc = g_markup_escape_text (credit != NULL ? credit : "", -1);
  g_autofree char *insert = g_strdup_printf ("\n<title>%s</title>\n<desc>%s</desc>", title, desc);
  const char *start = g_strstr_len ((const char *) svg->data, svg->len, "<svg");
  const char *end;

  if (start == NULL)
    return;
  end = memchr (start, '>', svg->len - (start - (const char *) svg->data));
  if (end == NULL)
    return;

  {
    gsize at = end + 1 - (const char *) svg->data;
    g_autofree guint8 *rest = g_memdup2 (svg->data + at, svg->len - at);
    gsize rest_len = svg->len - at;

    g_byte_array_set_size (svg, at);
    g_byte_array_append (svg, (const guint8 *) insert, strlen (insert));
    g_byte_array_append (svg, rest, rest_len);
  }
}

gboolean
atlas_export_view (AtlasWindow        *self,
                   GFile              *file,
                   AtlasExportFormat   format,
                   int                 width,
                   int                 height,
                   GError            **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  AtlasDataset *dataset;
  cairo_surface_t *surface = NULL;
  cairo_status_t status;
  cairo_t *cr;
  gboolean ok;

  g_return_val_if_fail (ATLAS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (format <= ATLAS_EXPORT_FORMAT_PDF, FALSE);

  dataset = atlas_context_get_dataset (self->context);
  if (dataset == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("There is no dataset to export"));
      return FALSE;
    }
  if (width < MIN_EXPORT_SIZE || height < MIN_EXPORT_SIZE ||
      width > MAX_EXPORT_SIZE || height > MAX_EXPORT_SIZE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The size must be between %d and %d pixels"), MIN_EXPORT_SIZE, MAX_EXPORT_SIZE);
      return FALSE;
    }

  switch (format)
    {
    case ATLAS_EXPORT_FORMAT_SVG:
      surface = cairo_svg_surface_create_for_stream (write_to_bytes_cb, bytes, width, height);
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
      break;

    case ATLAS_EXPORT_FORMAT_PDF:
      surface = cairo_pdf_surface_create_for_stream (write_to_bytes_cb, bytes, width, height);
      if (atlas_dataset_get_title (dataset) != NULL)
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                        atlas_dataset_get_title (dataset));
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Event Atlas");
      break;

    case ATLAS_EXPORT_FORMAT_PNG:
    default:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      break;
    }

  cr = cairo_create (surface);
  ok = compose (self, cr, width, height, error);
  status = cairo_status (cr);
  cairo_destroy (cr);

  if (ok && format == ATLAS_EXPORT_FORMAT_PNG)
    status = cairo_surface_write_to_png_stream (surface, write_to_bytes_cb, bytes);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (!ok)
    return FALSE;
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not draw the view: %s"), cairo_status_to_string (status));
      return FALSE;
    }

  if (format == ATLAS_EXPORT_FORMAT_SVG)
    add_svg_title (bytes, dataset);

  return g_file_replace_contents (file, (const char *) bytes->data, bytes->len, NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error);
}

/* Dialogs */

static void
show_error (AtlasWindow *self,
            const char  *heading,
            const char  *message)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
toast_saved (AtlasWindow *self,
             GFile       *file)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *display = g_filename_display_name (basename);
  /* Translators: %s is a file name */
  g_autofree char *message = g_strdup_printf (_("Saved “%s”"), display);

  atlas_window_toast (self, message);
}

/* the dataset file's name without its extension, for suggested names */
static char *
dataset_stem (AtlasWindow *self)
{
  g_autofree char *basename = NULL;
  char *dot;

  if (self->file == NULL || (basename = g_file_get_basename (self->file)) == NULL)
    return g_strdup (_("events"));

  dot = strrchr (basename, '.');
  if (dot != NULL && dot != basename)
    *dot = '\0';

  return g_filename_display_name (basename);
}

static GtkFileChooserNative *
new_save_chooser (AtlasWindow *self,
                  const char  *title,
                  const char  *name)
{
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (title, GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  if (self->file != NULL && g_file_is_native (self->file))
    {
      g_autoptr(GFile) parent = g_file_get_parent (self->file);

      if (parent != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), parent, NULL);
    }

  return native;
}

static GtkFileFilter *
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *mime_type,
            const char     *pattern)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (chooser, filter);

  return filter;
}

/* Export View… */

typedef struct {
  AtlasWindow       *window;
  AtlasExportFormat  format;
  int                width;
  int                height;
} ExportViewRequest;

static void
export_view_file_cb (GtkNativeDialog *dialog,
                     int              response,
                     gpointer         user_data)
{
  ExportViewRequest *request = user_data;
  AtlasWindow *self = request->window;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GError) error = NULL;

      if (file != NULL && !atlas_export_view (self, file, request->format,
                                              request->width, request->height, &error))
        show_error (self, _("Could Not Export the View"), error->message);
      else if (file != NULL)
        toast_saved (self, file);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (request->window);
  g_free (request);
}

static void
export_view_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         gpointer          user_data)
{
  AtlasWindow *self = user_data;
  GtkDropDown *format_drop_down = g_object_get_data (G_OBJECT (dialog), "format");
  GtkSpinButton *width_spin = g_object_get_data (G_OBJECT (dialog), "width");
  GtkSpinButton *height_spin = g_object_get_data (G_OBJECT (dialog), "height");
  ExportViewRequest *request;
  GtkFileChooserNative *native;
  g_autofree char *stem = NULL;
  g_autofree char *name = NULL;

  if (g_strcmp0 (response, "export") != 0)
    return;

  request = g_new0 (ExportViewRequest, 1);
  request->window = g_object_ref (self);
  request->format = MIN (gtk_drop_down_get_selected (format_drop_down), ATLAS_EXPORT_FORMAT_PDF);
  request->width = gtk_spin_button_get_value_as_int (width_spin);
  request->height = gtk_spin_button_get_value_as_int (height_spin);

  stem = dataset_stem (self);
  name = g_strdup_printf ("%s.%s", stem, format_extensions[request->format]);
  native = new_save_chooser (self, _("Export View"), name);
  g_signal_connect (native, "response", G_CALLBACK (export_view_file_cb), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static GtkWidget *
grid_label (GtkGrid    *grid,
            const char *text,
            int         row)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_grid_attach (grid, label, 0, row, 1, 1);

  return label;
}

void
atlas_export_view_run_dialog (AtlasWindow *self)
{
  const char * const formats[] = { _("PNG Image"), _("SVG Drawing"), _("PDF Document"), NULL };
  AdwMessageDialog *dialog;
  GtkWidget *grid, *format, *width, *height;
  int map_width = gtk_widget_get_width (GTK_WIDGET (self->map_view));
  int map_height = gtk_widget_get_height (GTK_WIDGET (self->map_view));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Export View"),
                                                       _("The map and the timeline as shown, "
                                                         "with a legend and the source credit.")));
  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_widget_set_halign (grid, GTK_ALIGN_CENTER);

  format = gtk_drop_down_new_from_strings (formats);
  gtk_label_set_mnemonic_widget (GTK_LABEL (grid_label (GTK_GRID (grid), _("_Format"), 0)), format);
  gtk_grid_attach (GTK_GRID (grid), format, 1, 0, 1, 1);

  width = gtk_spin_button_new_with_range (MIN_EXPORT_SIZE, MAX_EXPORT_SIZE, 10);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (width),
                             map_width > 0 ? CLAMP (map_width * 4 / 3, 1200, 4000) : 1600);
  gtk_label_set_mnemonic_widget (GTK_LABEL (grid_label (GTK_GRID (grid), _("_Width"), 1)), width);
  gtk_grid_attach (GTK_GRID (grid), width, 1, 1, 1, 1);

  height = gtk_spin_button_new_with_range (MIN_EXPORT_SIZE, MAX_EXPORT_SIZE, 10);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (height),
                             map_height > 0 ? CLAMP (map_height * 4 / 3, 800, 3000) : 1000);
  gtk_label_set_mnemonic_widget (GTK_LABEL (grid_label (GTK_GRID (grid), _("_Height"), 2)), height);
  gtk_grid_attach (GTK_GRID (grid), height, 1, 2, 1, 1);

  g_object_set_data (G_OBJECT (dialog), "format", format);
  g_object_set_data (G_OBJECT (dialog), "width", width);
  g_object_set_data (G_OBJECT (dialog), "height", height);

  adw_message_dialog_set_extra_child (dialog, grid);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "export", _("_Export…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "export", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "export");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (export_view_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Export Events… */

static void
export_events_file_cb (GtkNativeDialog *dialog,
                       int              response,
                       gpointer         user_data)
{
  AtlasWindow *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GFile) file = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *basename = NULL;
      GtkFileFilter *filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (dialog));
      gboolean geojson_filter = filter != NULL && filter == g_object_get_data (G_OBJECT (dialog), "geojson");
      AtlasEventsFormat format;

      if (chosen == NULL)
        goto out;

      /* the name's extension decides; without one, the chosen filter does */
      basename = g_file_get_basename (chosen);
      if (g_str_has_suffix (basename, ".geojson") || g_str_has_suffix (basename, ".json"))
        format = ATLAS_EVENTS_FORMAT_GEOJSON;
      else if (g_str_has_suffix (basename, ".csv") || !geojson_filter)
        format = ATLAS_EVENTS_FORMAT_CSV;
      else
        format = ATLAS_EVENTS_FORMAT_GEOJSON;

      if (strchr (basename, '.') == NULL)
        {
          g_autoptr(GFile) parent = g_file_get_parent (chosen);
          g_autofree char *name = g_strconcat (basename, format == ATLAS_EVENTS_FORMAT_CSV
                                               ? ".csv" : ".geojson", NULL);

          file = g_file_get_child (parent, name);
        }
      else
        file = g_object_ref (chosen);

      if (!atlas_export_events_save (self->context, format, file, NULL, &error))
        show_error (self, _("Could Not Export the Events"), error->message);
      else
        toast_saved (self, file);
    }

out:
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

void
atlas_export_events_run_dialog (AtlasWindow *self)
{
  GtkFileChooserNative *native;
  g_autofree char *stem = dataset_stem (self);
  g_autofree char *name = g_strdup_printf ("%s-events.csv", stem);
  GtkFileFilter *geojson;

  native = new_save_chooser (self, _("Export Visible Events"), name);
  add_filter (GTK_FILE_CHOOSER (native), _("CSV (one row per event)"), "text/csv", "*.csv");
  geojson = add_filter (GTK_FILE_CHOOSER (native), _("GeoJSON (one point per event and place)"),
                        "application/geo+json", "*.geojson");
  g_object_set_data (G_OBJECT (native), "geojson", geojson);
  g_signal_connect (native, "response", G_CALLBACK (export_events_file_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* Save View… and Copy Link to View */

static void
save_view_file_cb (GtkNativeDialog *dialog,
                   int              response,
                   gpointer         user_data)
{
  AtlasWindow *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr(AtlasViewState) state = atlas_window_capture_view (self);
      g_autofree char *json = atlas_view_state_to_json (state);
      g_autoptr(GError) error = NULL;

      if (file != NULL &&
          !g_file_replace_contents (file, json, strlen (json), NULL, FALSE,
                                    G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, &error))
        show_error (self, _("Could Not Save the View"), error->message);
      else if (file != NULL)
        toast_saved (self, file);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

void
atlas_export_save_view_run_dialog (AtlasWindow *self)
{
  GtkFileChooserNative *native;
  g_autofree char *stem = dataset_stem (self);
  g_autofree char *name = g_strdup_printf ("%s.atlasview", stem);

  native = new_save_chooser (self, _("Save View"), name);
  add_filter (GTK_FILE_CHOOSER (native), _("Event Atlas views"),
              "application/x-event-atlas-view", "*.atlasview");
  g_signal_connect (native, "response", G_CALLBACK (save_view_file_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

char *
atlas_export_copy_view_link (AtlasWindow *self)
{
  g_autoptr(AtlasViewState) state = NULL;
  char *uri;

  g_return_val_if_fail (ATLAS_IS_WINDOW (self), NULL);

  state = atlas_window_capture_view (self);
  uri = atlas_view_state_to_uri (state);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), uri);
  atlas_window_toast (self, _("Link to the view copied"));

  return uri;
}
