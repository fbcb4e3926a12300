/* atlas-window-actions.c — the window's actions and their shortcuts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "atlas-window"

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-export-view.h"
#include "atlas-window-private.h"

static void
open_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  AtlasWindow *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        atlas_window_open_file (self, file);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

/* What Open offers: each supported format, all of them at once, any file */
static const struct {
  const char *name;
  const char *mime_type;
  const char *pattern;
} open_formats[] = {
  { N_("Event Atlas datasets (JSON)"), "application/json", "*.json" },
  { N_("GeoJSON"), "application/geo+json", "*.geojson" },
  { N_("ACLED and other CSV tables"), "text/csv", "*.csv" },
  { N_("TimelineJS timelines (JSON)"), "application/json", "*.json" },
  { N_("StoryMapJS stories (JSON)"), "application/json", "*.json" },
  { N_("KML placemarks (Google Earth, My Maps)"), "application/vnd.google-earth.kml+xml",
    "*.kml" },
  { N_("Event Atlas views"), "application/x-event-atlas-view", "*.atlasview" },
};

static void
add_open_filters (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) all_supported = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all_files = gtk_file_filter_new ();

  gtk_file_filter_set_name (all_supported, _("All supported files"));
  for (guint i = 0; i < G_N_ELEMENTS (open_formats); i++)
    {
      gtk_file_filter_add_mime_type (all_supported, open_formats[i].mime_type);
      gtk_file_filter_add_pattern (all_supported, open_formats[i].pattern);
    }
  gtk_file_chooser_add_filter (chooser, all_supported);

  for (guint i = 0; i < G_N_ELEMENTS (open_formats); i++)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _(open_formats[i].name));
      gtk_file_filter_add_mime_type (filter, open_formats[i].mime_type);
      gtk_file_filter_add_pattern (filter, open_formats[i].pattern);
      gtk_file_chooser_add_filter (chooser, filter);
    }

  gtk_file_filter_set_name (all_files, _("All files"));
  gtk_file_filter_add_pattern (all_files, "*");
  gtk_file_chooser_add_filter (chooser, all_files);
  gtk_file_chooser_set_filter (chooser, all_supported);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Open a Dataset"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  add_open_filters (GTK_FILE_CHOOSER (native));
  if (self->file != NULL && g_file_is_native (self->file))
    {
      g_autoptr(GFile) parent = g_file_get_parent (self->file);

      if (parent != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), parent, NULL);
    }

  g_signal_connect (native, "response", G_CALLBACK (open_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  atlas_window_open_recent (ATLAS_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
clear_recent_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  atlas_window_clear_recent (ATLAS_WINDOW (widget));
}

static void
export_view_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  atlas_export_view_run_dialog (ATLAS_WINDOW (widget));
}

static void
export_events_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  atlas_export_events_run_dialog (ATLAS_WINDOW (widget));
}

static void
save_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  atlas_export_save_view_run_dialog (ATLAS_WINDOW (widget));
}

static void
copy_view_link_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  g_free (atlas_export_copy_view_link (ATLAS_WINDOW (widget)));
}

static void
open_example_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  atlas_window_open_example (ATLAS_WINDOW (widget));
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  atlas_window_reload (ATLAS_WINDOW (widget));
}

static void
cancel_load_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  atlas_window_cancel_load (ATLAS_WINDOW (widget));
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
frame_visible_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  atlas_map_view_frame_visible (ATLAS_WINDOW (widget)->map_view);
}

static void
frame_timeline_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  atlas_timeline_frame_all (ATLAS_WINDOW (widget)->timeline);
}

static void
center_on_location_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);
  AtlasDataset *dataset = atlas_context_get_dataset (self->context);
  AtlasLocation *location;

  if (dataset == NULL)
    return;

  location = atlas_dataset_lookup_location (dataset, g_variant_get_string (parameter, NULL));
  if (location != NULL)
    atlas_map_view_center_on (self->map_view, location);
}

static void
toggle_sidebar_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

static void
toggle_source_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);

  gtk_revealer_set_reveal_child (self->source_revealer,
                                 !gtk_revealer_get_reveal_child (self->source_revealer));
}

static void
clear_filter_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  atlas_filter_reset (atlas_context_get_filter (self->context));
}

static void
previous_event_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  atlas_context_select_previous (ATLAS_WINDOW (widget)->context);
}

static void
next_event_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  atlas_context_select_next (ATLAS_WINDOW (widget)->context);
}

static void
clear_selection_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  atlas_selection_clear (atlas_context_get_selection (ATLAS_WINDOW (widget)->context));
}

void
atlas_window_class_install_actions (AtlasWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-example", NULL, open_example_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.clear-recent", NULL, clear_recent_action);
  gtk_widget_class_install_action (widget_class, "win.export-view", NULL, export_view_action);
  gtk_widget_class_install_action (widget_class, "win.export-events", NULL, export_events_action);
  gtk_widget_class_install_action (widget_class, "win.save-view", NULL, save_view_action);
  gtk_widget_class_install_action (widget_class, "win.copy-view-link", NULL,
                                   copy_view_link_action);
  gtk_widget_class_install_action (widget_class, "win.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-load", NULL, cancel_load_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.frame-visible", NULL, frame_visible_action);
  gtk_widget_class_install_action (widget_class, "win.frame-timeline", NULL, frame_timeline_action);
  gtk_widget_class_install_action (widget_class, "win.center-on-location", "s",
                                   center_on_location_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL, toggle_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-source", NULL, toggle_source_action);
  gtk_widget_class_install_action (widget_class, "win.clear-filter", NULL, clear_filter_action);
  gtk_widget_class_install_action (widget_class, "win.previous-event", NULL, previous_event_action);
  gtk_widget_class_install_action (widget_class, "win.next-event", NULL, next_event_action);
  gtk_widget_class_install_action (widget_class, "win.clear-selection", NULL,
                                   clear_selection_action);
  gtk_widget_class_install_property_action (widget_class, "win.up-to-playhead", "up-to-playhead");
  gtk_widget_class_install_property_action (widget_class, "win.basemap", "basemap");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.export-view", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "win.frame-visible", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F8, 0, "win.toggle-sidebar", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-source", NULL);
  /* Alt+←/→ are bound by the event details (details.previous/next), window-wide. */
}

void
atlas_window_update_actions (AtlasWindow *self)
{
  gboolean has_dataset = self->context != NULL && atlas_context_get_dataset (self->context) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reload",
                                 self->file != NULL && self->load_cancellable == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-load",
                                 self->load_cancellable != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.frame-visible", has_dataset);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.frame-timeline", has_dataset);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.previous-event", has_dataset);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.next-event", has_dataset);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-view", has_dataset);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-events", has_dataset);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-view", has_dataset);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-view-link", has_dataset);
}
