/* atlas-undated-tray.c — the visible events without a time, in a strip under the timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Events a dataset gives no time for (a GeoJSON feature without a date) have no
 * place on the time axis.  The tray lists the visible ones as pills — a dot in the
 * category's colour and the title — so that they stay one click away: a click
 * selects the event, Ctrl+click (or Ctrl+Space) adds it to the selection or takes it
 * out.  The first ATLAS_UNDATED_TRAY_MAX_PILLS get a pill; "+N more" lists the rest.
 * The tray hides itself when no undated event is visible.
 *
 * Undated events sort after every dated one, so they are the tail of the visible
 * list; the pills are rebuilt only when that tail changes (not on every step of
 * the playhead).
 */

#define G_LOG_DOMAIN "atlas-views"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "atlas-palette.h"
#include "atlas-text.h"
#include "atlas-undated-tray.h"
#include "atlas-view-context.h"

struct _AtlasUndatedTray
{
  GtkWidget          parent_instance;

  /* template widgets */
  GtkLabel          *count_label;
  GtkScrolledWindow *scroller;
  GtkBox            *pills_box;
  GtkMenuButton     *more_button;
  GtkPopover        *more_popover;
  GtkListView       *more_list;

  /* owned references */
  AtlasContext      *context;
  GPtrArray         *shown;            /* AtlasEvent: the visible undated events */
  GListStore        *more_store;       /* AtlasEvent: those without a pill */
  GHashTable        *more_rows;        /* row widgets of the list now bound */

  /* borrowed references */
  AtlasSelection    *selection;
  GtkWidget         *ctrl_pressed_pill;  /* compared only */

  guint              scroll_idle_id;

  guint              dark : 1;
  guint              scroll_pending : 1;
};

G_DEFINE_FINAL_TYPE (AtlasUndatedTray, atlas_undated_tray, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* the longest title a pill shows before it ellipsizes, in characters */
#define PILL_MAX_CHARS 28

/* helpers */

static void
dot_draw_cb (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  GdkRGBA *color = g_object_get_data (G_OBJECT (area), "atlas-color");

  if (color == NULL)
    return;

  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0, 0, 2 * G_PI);
  gdk_cairo_set_source_rgba (cr, color);
  cairo_fill (cr);
}

static void
set_dot_color (GtkWidget  *dot,
               AtlasEvent *event,
               gboolean    dark)
{
  GdkRGBA color;

  atlas_palette_category_color (atlas_event_get_category (event), dark, &color);
  g_object_set_data_full (G_OBJECT (dot), "atlas-color",
                          gdk_rgba_copy (&color), (GDestroyNotify) gdk_rgba_free);
  gtk_widget_queue_draw (dot);
}

static GtkWidget *
make_dot (void)
{
  GtkWidget *dot = gtk_drawing_area_new ();

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (dot), 8);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (dot), 8);
  gtk_widget_set_valign (dot, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (dot), dot_draw_cb, NULL, NULL);

  return dot;
}

/* dot + title; the title is data, so plain text */
static GtkWidget *
make_pill_content (GtkWidget **dot,
                   GtkLabel  **label)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  *dot = make_dot ();
  *label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_ellipsize (*label, PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (*label, 0);
  gtk_box_append (GTK_BOX (box), *dot);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (*label));

  return box;
}

static void
show_selected (AtlasUndatedTray *self,
               GtkWidget        *widget)
{
  AtlasEvent *event = g_object_get_data (G_OBJECT (widget), "atlas-event");
  gboolean selected = event != NULL && self->selection != NULL &&
                      atlas_selection_contains (self->selection, event);

  if (selected)
    gtk_widget_add_css_class (widget, "selected");
  else
    gtk_widget_remove_css_class (widget, "selected");
  gtk_accessible_update_state (GTK_ACCESSIBLE (widget),
                               GTK_ACCESSIBLE_STATE_SELECTED, selected,
                               -1);
}

/* Scroll the strip so that @pill is in sight (it is allocated already).  The
 * viewport places its child at minus the adjustment's value in either direction,
 * so the shift is the pill's overhang. */
static void
scroll_to_pill (AtlasUndatedTray *self,
                GtkWidget        *pill)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_hadjustment (self->scroller);
  double page = gtk_adjustment_get_page_size (adjustment);
  double shift = 0;
  graphene_rect_t bounds;

  /* not laid out yet (a selection made at start-up): once the strip is */
  if (page <= 0 || !gtk_widget_get_mapped (pill) ||
      !gtk_widget_compute_bounds (pill, GTK_WIDGET (self->scroller), &bounds))
    {
      self->scroll_pending = TRUE;
      return;
    }

  if (bounds.origin.x < 0)
    shift = bounds.origin.x;
  else if (bounds.origin.x + bounds.size.width > page)
    shift = MIN (bounds.origin.x + bounds.size.width - page, bounds.origin.x);
  if (shift != 0)
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + shift);
}

static void
update_selected (AtlasUndatedTray *self,
                 gboolean          scroll)
{
  GHashTableIter iter;
  gpointer row;
  GtkWidget *first_selected = NULL;
  gboolean more_selected = FALSE;

  for (GtkWidget *pill = gtk_widget_get_first_child (GTK_WIDGET (self->pills_box));
       pill != NULL;
       pill = gtk_widget_get_next_sibling (pill))
    {
      show_selected (self, pill);
      if (first_selected == NULL && gtk_widget_has_css_class (pill, "selected"))
        first_selected = pill;
    }

  g_hash_table_iter_init (&iter, self->more_rows);
  while (g_hash_table_iter_next (&iter, &row, NULL))
    show_selected (self, row);

  /* a selected event behind "+N more" marks the button */
  for (guint i = ATLAS_UNDATED_TRAY_MAX_PILLS; i < self->shown->len && !more_selected; i++)
    more_selected = self->selection != NULL &&
                    atlas_selection_contains (self->selection, g_ptr_array_index (self->shown, i));
  if (more_selected)
    gtk_widget_add_css_class (GTK_WIDGET (self->more_button), "selected");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->more_button), "selected");

  if (scroll)
    {
      self->scroll_pending = FALSE;
      if (first_selected != NULL)
        scroll_to_pill (self, first_selected);
    }
}

static void
activate_event (AtlasUndatedTray *self,
                AtlasEvent       *event,
                GdkModifierType   modifiers)
{
  if (self->selection == NULL || event == NULL)
    return;

  if (modifiers & GDK_CONTROL_MASK)
    atlas_selection_toggle_event (self->selection, event);
  else
    atlas_selection_select_event (self->selection, event);
}

static void
pill_clicked_cb (GtkButton        *pill,
                 AtlasUndatedTray *self)
{
  GdkModifierType modifiers = self->ctrl_pressed_pill == GTK_WIDGET (pill) ? GDK_CONTROL_MASK : 0;

  self->ctrl_pressed_pill = NULL;
  activate_event (self, g_object_get_data (G_OBJECT (pill), "atlas-event"), modifiers);
}

/* The button's "clicked" does not say which modifiers were held: note a press
 * with Ctrl (seen first, in the capture phase) for the click that follows. */
static void
pill_pressed_cb (GtkGestureClick  *gesture,
                 int               n_press,
                 double            x,
                 double            y,
                 AtlasUndatedTray *self)
{
  GtkWidget *pill = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GdkModifierType state =
    gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  self->ctrl_pressed_pill = (state & GDK_CONTROL_MASK) ? pill : NULL;
}

static GtkWidget *
make_pill (AtlasUndatedTray *self,
           AtlasEvent       *event)
{
  GtkWidget *pill = gtk_button_new ();
  GtkWidget *dot;
  GtkLabel *label;
  GtkGesture *gesture;
  const char *title = atlas_event_get_title (event);
  const char *category = atlas_event_get_category (event);
  const char *category_label = category != NULL ? atlas_palette_category_label (category) : NULL;
  g_autofree char *tooltip = NULL;

  gtk_button_set_child (GTK_BUTTON (pill), make_pill_content (&dot, &label));
  gtk_label_set_text (label, title);
  /* the strip scrolls rather than squeezing the pills to "…": a pill is as wide as
   * its title, up to PILL_MAX_CHARS */
  gtk_label_set_width_chars (label, MIN ((int) g_utf8_strlen (title, -1), PILL_MAX_CHARS));
  gtk_label_set_max_width_chars (label, PILL_MAX_CHARS);
  set_dot_color (dot, event, self->dark);
  gtk_widget_add_css_class (pill, "undated-pill");

  if (category != NULL)
    {
      g_autofree char *isolated = atlas_bidi_isolate (title);

      /* Translators: tooltip of an undated event: its title and category, "Statement · Diplomacy" */
      tooltip = g_strdup_printf (_("%s · %s"), isolated,
                                 category_label != NULL ? category_label : category);
    }
  else
    tooltip = g_strdup (title);
  gtk_widget_set_tooltip_text (pill, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (pill),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Undated event"),
                                  -1);

  g_object_set_data_full (G_OBJECT (pill), "atlas-event", g_object_ref (event), g_object_unref);
  g_signal_connect (pill, "clicked", G_CALLBACK (pill_clicked_cb), self);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (gesture), GTK_PHASE_CAPTURE);
  g_signal_connect (gesture, "pressed", G_CALLBACK (pill_pressed_cb), self);
  gtk_widget_add_controller (pill, GTK_EVENT_CONTROLLER (gesture));

  return pill;
}

/* The visible undated events: the tail of the visible list. */
static GPtrArray *
collect_undated (AtlasUndatedTray *self)
{
  GPtrArray *events = g_ptr_array_new_with_free_func (g_object_unref);
  AtlasDataset *dataset;
  const guint *visible;
  guint n = 0, first;

  if (self->context == NULL || (dataset = atlas_context_get_dataset (self->context)) == NULL)
    return events;

  visible = atlas_context_get_visible (self->context, &n);
  first = n;
  while (first > 0 && atlas_event_is_undated (atlas_dataset_get_event (dataset, visible[first - 1])))
    first--;

  for (guint i = first; i < n; i++)
    g_ptr_array_add (events, g_object_ref (atlas_dataset_get_event (dataset, visible[i])));

  return events;
}

static gboolean
same_events (GPtrArray *a,
             GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (g_ptr_array_index (a, i) != g_ptr_array_index (b, i))
      return FALSE;
  return TRUE;
}

static void
rebuild (AtlasUndatedTray *self,
         gboolean          force)
{
  g_autoptr(GPtrArray) events = collect_undated (self);
  g_autofree char *count = NULL;
  guint n_pills;
  GtkWidget *child;

  if (!force && same_events (events, self->shown))
    return;

  g_ptr_array_unref (self->shown);
  self->shown = g_steal_pointer (&events);
  self->ctrl_pressed_pill = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->pills_box))) != NULL)
    gtk_box_remove (self->pills_box, child);

  n_pills = MIN (self->shown->len, ATLAS_UNDATED_TRAY_MAX_PILLS);
  for (guint i = 0; i < n_pills; i++)
    gtk_box_append (self->pills_box, make_pill (self, g_ptr_array_index (self->shown, i)));

  g_list_store_splice (self->more_store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->more_store)),
                       self->shown->pdata + n_pills, self->shown->len - n_pills);
  if (self->shown->len > n_pills)
    {
      guint n_more = self->shown->len - n_pills;
      /* Translators: the button that lists the undated events without a pill, "+12 more" */
      g_autofree char *more = g_strdup_printf (ngettext ("+%u more", "+%u more", n_more), n_more);

      gtk_menu_button_set_label (self->more_button, more);
      gtk_widget_set_visible (GTK_WIDGET (self->more_button), TRUE);
    }
  else
    {
      gtk_popover_popdown (self->more_popover);
      gtk_widget_set_visible (GTK_WIDGET (self->more_button), FALSE);
    }

  /* Translators: the number of visible events without a time, in the tray under the timeline */
  count = g_strdup_printf (_("Undated: %u"), self->shown->len);
  gtk_label_set_text (self->count_label, count);

  update_selected (self, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self), self->shown->len > 0);
}

/* callbacks */

static void
visible_changed_cb (AtlasUndatedTray *self)
{
  rebuild (self, FALSE);
}

static void
selection_changed_cb (AtlasUndatedTray *self)
{
  update_selected (self, TRUE);
}

static gboolean
scroll_idle_cb (gpointer user_data)
{
  AtlasUndatedTray *self = user_data;

  self->scroll_idle_id = 0;
  update_selected (self, TRUE);
  return G_SOURCE_REMOVE;
}

/* the strip has its size: bring the selected pill in sight if that waited */
static void
hadjustment_changed_cb (AtlasUndatedTray *self)
{
  if (self->scroll_pending && self->scroll_idle_id == 0)
    {
      self->scroll_pending = FALSE;
      self->scroll_idle_id = g_idle_add (scroll_idle_cb, self);
    }
}

static void
dark_changed_cb (AtlasUndatedTray *self,
                 GParamSpec       *pspec,
                 AdwStyleManager  *style_manager)
{
  self->dark = adw_style_manager_get_dark (style_manager);
  rebuild (self, TRUE);
}

static void
more_activate_cb (AtlasUndatedTray *self,
                  guint             position)
{
  g_autoptr(AtlasEvent) event = g_list_model_get_item (G_LIST_MODEL (self->more_store), position);

  activate_event (self, event, 0);
  gtk_popover_popdown (self->more_popover);
}

static void
row_setup_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              AtlasUndatedTray         *self)
{
  GtkWidget *dot;
  GtkLabel *label;
  GtkWidget *box = make_pill_content (&dot, &label);

  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  g_object_set_data (G_OBJECT (box), "atlas-dot", dot);
  g_object_set_data (G_OBJECT (box), "atlas-label", label);
  gtk_list_item_set_child (item, box);
}

static void
row_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             AtlasUndatedTray         *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  AtlasEvent *event = gtk_list_item_get_item (item);

  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "atlas-label"),
                      atlas_event_get_title (event));
  gtk_widget_set_tooltip_text (box, atlas_event_get_title (event));
  set_dot_color (g_object_get_data (G_OBJECT (box), "atlas-dot"), event, self->dark);
  g_object_set_data_full (G_OBJECT (box), "atlas-event", g_object_ref (event), g_object_unref);
  g_hash_table_add (self->more_rows, box);
  show_selected (self, box);
}

static void
row_unbind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               AtlasUndatedTray         *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);

  g_hash_table_remove (self->more_rows, box);
  g_object_set_data (G_OBJECT (box), "atlas-event", NULL);
}

/* Ctrl+Space / Ctrl+Enter on a pill: toggle its event */
static gboolean
toggle_focused_cb (GtkWidget *widget,
                   GVariant  *args,
                   gpointer   user_data)
{
  AtlasUndatedTray *self = ATLAS_UNDATED_TRAY (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *pill = focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_BUTTON) : NULL;
  AtlasEvent *event;

  if (pill == NULL || gtk_widget_get_parent (pill) != GTK_WIDGET (self->pills_box))
    return FALSE;

  event = g_object_get_data (G_OBJECT (pill), "atlas-event");
  activate_event (self, event, GDK_CONTROL_MASK);
  return TRUE;
}

/* overrides */

static void
atlas_undated_tray_dispose (GObject *object)
{
  AtlasUndatedTray *self = ATLAS_UNDATED_TRAY (object);
  GtkWidget *child;

  atlas_undated_tray_set_context (self, NULL);
  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  g_clear_handle_id (&self->scroll_idle_id, g_source_remove);

  if (self->more_list != NULL)
    gtk_list_view_set_model (self->more_list, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_UNDATED_TRAY);
  /* the unnamed children of the template too */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->more_store);

  G_OBJECT_CLASS (atlas_undated_tray_parent_class)->dispose (object);
}

static void
atlas_undated_tray_finalize (GObject *object)
{
  AtlasUndatedTray *self = ATLAS_UNDATED_TRAY (object);

  g_clear_pointer (&self->shown, g_ptr_array_unref);
  g_clear_pointer (&self->more_rows, g_hash_table_unref);

  G_OBJECT_CLASS (atlas_undated_tray_parent_class)->finalize (object);
}

static void
atlas_undated_tray_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AtlasUndatedTray *self = ATLAS_UNDATED_TRAY (object);

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
atlas_undated_tray_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AtlasUndatedTray *self = ATLAS_UNDATED_TRAY (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      atlas_undated_tray_set_context (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_undated_tray_class_init (AtlasUndatedTrayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_undated_tray_dispose;
  object_class->finalize = atlas_undated_tray_finalize;
  object_class->get_property = atlas_undated_tray_get_property;
  object_class->set_property = atlas_undated_tray_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         ATLAS_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_space, GDK_CONTROL_MASK,
                                toggle_focused_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                toggle_focused_cb, NULL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/eventatlas/EventAtlas/atlas-undated-tray.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasUndatedTray, count_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasUndatedTray, scroller);
  gtk_widget_class_bind_template_child (widget_class, AtlasUndatedTray, pills_box);
  gtk_widget_class_bind_template_child (widget_class, AtlasUndatedTray, more_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasUndatedTray, more_popover);
  gtk_widget_class_bind_template_child (widget_class, AtlasUndatedTray, more_list);
  gtk_widget_class_bind_template_callback (widget_class, more_activate_cb);

  gtk_widget_class_set_css_name (widget_class, "undatedtray");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
atlas_undated_tray_init (AtlasUndatedTray *self)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  GtkListItemFactory *factory;
  GtkSelectionModel *model;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->shown = g_ptr_array_new_with_free_func (g_object_unref);
  self->more_store = g_list_store_new (ATLAS_TYPE_EVENT);
  self->more_rows = g_hash_table_new (NULL, NULL);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (row_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (row_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (row_unbind_cb), self);
  gtk_list_view_set_factory (self->more_list, factory);
  g_object_unref (factory);

  model = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->more_store))));
  gtk_list_view_set_model (self->more_list, model);
  g_object_unref (model);

  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (self->scroller), "changed",
                           G_CALLBACK (hadjustment_changed_cb), self, G_CONNECT_SWAPPED);

  self->dark = adw_style_manager_get_dark (style_manager);
  g_signal_connect_object (style_manager, "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);
}

/* public API */

GtkWidget *
atlas_undated_tray_new (void)
{
  return g_object_new (ATLAS_TYPE_UNDATED_TRAY, NULL);
}

AtlasContext *
atlas_undated_tray_get_context (AtlasUndatedTray *self)
{
  g_return_val_if_fail (ATLAS_IS_UNDATED_TRAY (self), NULL);

  return self->context;
}

void
atlas_undated_tray_set_context (AtlasUndatedTray *self,
                                AtlasContext     *context)
{
  const AtlasViewHandler handlers[] = {
    { ATLAS_VIEW_ON_CONTEXT, "visible-changed", G_CALLBACK (visible_changed_cb) },
    { ATLAS_VIEW_ON_SELECTION, "changed", G_CALLBACK (selection_changed_cb) },
  };

  g_return_if_fail (ATLAS_IS_UNDATED_TRAY (self));
  g_return_if_fail (context == NULL || ATLAS_IS_CONTEXT (context));

  if (!atlas_view_context_swap (self, &self->context, context, handlers,
                                G_N_ELEMENTS (handlers)))
    return;
  self->selection = context != NULL ? atlas_context_get_selection (context) : NULL;

  /* in dispose the template children are gone already */
  if (self->shown != NULL && self->pills_box != NULL)
    rebuild (self, TRUE);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

guint
atlas_undated_tray_get_n_events (AtlasUndatedTray *self)
{
  g_return_val_if_fail (ATLAS_IS_UNDATED_TRAY (self), 0);

  return self->shown->len;
}

guint
atlas_undated_tray_get_n_pills (AtlasUndatedTray *self)
{
  guint n = 0;

  g_return_val_if_fail (ATLAS_IS_UNDATED_TRAY (self), 0);

  for (GtkWidget *pill = gtk_widget_get_first_child (GTK_WIDGET (self->pills_box));
       pill != NULL;
       pill = gtk_widget_get_next_sibling (pill))
    n++;
  return n;
}

GtkWidget *
atlas_undated_tray_get_pill (AtlasUndatedTray *self,
                             guint             i)
{
  GtkWidget *pill;

  g_return_val_if_fail (ATLAS_IS_UNDATED_TRAY (self), NULL);

  for (pill = gtk_widget_get_first_child (GTK_WIDGET (self->pills_box));
       pill != NULL && i > 0;
       pill = gtk_widget_get_next_sibling (pill))
    i--;
  g_return_val_if_fail (pill != NULL, NULL);
  return pill;
}

AtlasEvent *
atlas_undated_tray_get_pill_event (AtlasUndatedTray *self,
                                   guint             i)
{
  GtkWidget *pill = atlas_undated_tray_get_pill (self, i);

  return pill != NULL ? g_object_get_data (G_OBJECT (pill), "atlas-event") : NULL;
}

void
atlas_undated_tray_click_pill (AtlasUndatedTray *self,
                               guint             i,
                               GdkModifierType   modifiers)
{
  g_return_if_fail (ATLAS_IS_UNDATED_TRAY (self));

  activate_event (self, atlas_undated_tray_get_pill_event (self, i), modifiers);
}

guint
atlas_undated_tray_get_n_more (AtlasUndatedTray *self)
{
  g_return_val_if_fail (ATLAS_IS_UNDATED_TRAY (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->more_store));
}

const char *
atlas_undated_tray_get_count_text (AtlasUndatedTray *self)
{
  g_return_val_if_fail (ATLAS_IS_UNDATED_TRAY (self), NULL);

  return gtk_label_get_text (self->count_label);
}

const char *
atlas_undated_tray_get_more_text (AtlasUndatedTray *self)
{
  g_return_val_if_fail (ATLAS_IS_UNDATED_TRAY (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->more_button))
         ? gtk_menu_button_get_label (self->more_button) : "";
}
