/* atlas-window-files.c — the window's files: drag and drop, recent files,
 * watching the file on disk, and views (.atlasview) captured and restored
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "atlas-window"

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-window-private.h"

#define MAX_RECENT_SHOWN 10
/* editors write a file in several steps: wait for them to settle */
#define MONITOR_DEBOUNCE_MS 500

/* Drag and drop */

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         gpointer       user_data)
{
  AtlasWindow *self = user_data;
  GFile *file = NULL;

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = gdk_file_list_get_files (g_value_get_boxed (value));

      if (files != NULL)
        file = files->data;
      g_slist_free (files);
    }
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    file = g_value_get_object (value);

  if (file == NULL)
    return FALSE;

  atlas_window_open_file (self, file);

  return TRUE;
}

/* Recent files */

static char *
escape_mnemonic (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '_')
        g_string_append_c (out, '_');
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static void
rebuild_recent_menu (AtlasWindow *self)
{
  g_auto(GStrv) recent = NULL;
  guint n = 0;

  if (self->recent_section == NULL)
    return;

  g_menu_remove_all (self->recent_section);

  if (self->settings != NULL)
    recent = g_settings_get_strv (self->settings, "recent-files");

  for (guint i = 0; recent != NULL && recent[i] != NULL && n < MAX_RECENT_SHOWN; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (recent[i]);
      g_autofree char *basename = g_file_get_basename (file);
      g_autofree char *display = NULL;
      g_autofree char *label = NULL;
      g_autoptr(GMenuItem) item = NULL;

      if (basename == NULL)
        continue;
      display = g_filename_display_name (basename);
      label = escape_mnemonic (display);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "win.open-recent",
                                               g_variant_new_string (recent[i]));
      g_menu_append_item (self->recent_section, item);
      n++;
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.clear-recent", n > 0);
}

void
atlas_window_clear_recent (AtlasWindow *self)
{
  if (self->settings != NULL)
    g_settings_set_strv (self->settings, "recent-files", NULL);
  rebuild_recent_menu (self);
}

void
atlas_window_open_recent (AtlasWindow *self,
                          const char  *uri)
{
  g_autoptr(GFile) file = g_file_new_for_uri (uri);

  atlas_window_open_file (self, file);
}

/* Watching the file */

static gboolean
monitor_timeout_cb (gpointer user_data)
{
  AtlasWindow *self = user_data;

  self->monitor_timeout_id = 0;
  if (self->file == NULL)
    return G_SOURCE_REMOVE;

  atlas_window_reload (self);
  self->auto_reload = TRUE;

  return G_SOURCE_REMOVE;
}

static void
monitor_changed_cb (GFileMonitor      *monitor,
                    GFile             *file,
                    GFile             *other_file,
                    GFileMonitorEvent  event,
                    gpointer           user_data)
{
  AtlasWindow *self = user_data;

  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CHANGED:
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
    case G_FILE_MONITOR_EVENT_RENAMED:
      g_clear_handle_id (&self->monitor_timeout_id, g_source_remove);
      self->monitor_timeout_id = g_timeout_add (MONITOR_DEBOUNCE_MS, monitor_timeout_cb, self);
      break;

    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
    case G_FILE_MONITOR_EVENT_PRE_UNMOUNT:
    case G_FILE_MONITOR_EVENT_UNMOUNTED:
    case G_FILE_MONITOR_EVENT_MOVED:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
    default:
      /* a file that went away keeps its dataset on screen */
      break;
    }
}

void
atlas_window_watch_file (AtlasWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->monitor, monitor_changed_cb, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  g_clear_handle_id (&self->monitor_timeout_id, g_source_remove);

  if (self->file == NULL || g_file_has_uri_scheme (self->file, "resource"))
    return;

  self->monitor = g_file_monitor_file (self->file, G_FILE_MONITOR_NONE, NULL, &error);
  if (self->monitor == NULL)
    {
      g_debug ("Not watching the file: %s", error->message);
      return;
    }
  g_signal_connect (self->monitor, "changed", G_CALLBACK (monitor_changed_cb), self);
}

/* Views */

AtlasViewState *
atlas_window_capture_view (AtlasWindow *self)
{
  AtlasViewState *state = atlas_view_state_capture (self->context, self->file);
  ShumateViewport *viewport = shumate_map_get_viewport (atlas_map_view_get_map (self->map_view));

  state->has_map = TRUE;
  state->latitude = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  state->longitude = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  state->zoom = shumate_viewport_get_zoom_level (viewport);

  return state;
}

static void
set_map_position (AtlasWindow *self)
{
  ShumateViewport *viewport = shumate_map_get_viewport (atlas_map_view_get_map (self->map_view));

  g_object_freeze_notify (G_OBJECT (viewport));
  shumate_viewport_set_zoom_level (viewport, self->pending_map[2]);
  shumate_location_set_location (SHUMATE_LOCATION (viewport),
                                 self->pending_map[0], self->pending_map[1]);
  g_object_thaw_notify (G_OBJECT (viewport));
}

/* The map frames a new dataset on its first allocation: the position is set
 * after that, once it has a size. */
static gboolean
map_position_tick_cb (GtkWidget     *widget,
                      GdkFrameClock *frame_clock,
                      gpointer       user_data)
{
  AtlasWindow *self = user_data;

  if (gtk_widget_get_width (widget) <= 1 || gtk_widget_get_height (widget) <= 1)
    return G_SOURCE_CONTINUE;

  self->map_tick_id = 0;
  set_map_position (self);

  return G_SOURCE_REMOVE;
}

void
atlas_window_restore_view (AtlasWindow          *self,
                           const AtlasViewState *state)
{
  const char *search;

  atlas_view_state_apply (state, self->context);

  /* the entry mirrors the filter's text */
  search = atlas_filter_get_search (atlas_context_get_filter (self->context));
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                 search != NULL ? search : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), search != NULL ? search : "");
  if (search != NULL && *search != '\0')
    gtk_search_bar_set_search_mode (self->search_bar, TRUE);

  if (!state->has_map)
    return;

  self->pending_map[0] = state->latitude;
  self->pending_map[1] = state->longitude;
  self->pending_map[2] = state->zoom;
  if (self->map_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->map_view), self->map_tick_id);
  self->map_tick_id = 0;

  if (gtk_widget_get_width (GTK_WIDGET (self->map_view)) > 1 &&
      gtk_widget_get_height (GTK_WIDGET (self->map_view)) > 1)
    set_map_position (self);
  else
    self->map_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->map_view),
                                                      map_position_tick_cb, self, NULL);
}

void
atlas_window_open_view (AtlasWindow    *self,
                        AtlasViewState *state)
{
  g_autoptr(AtlasViewState) owned = state;
  g_autoptr(GFile) dataset_file = NULL;

  if (state->dataset_uri != NULL)
    dataset_file = g_file_new_for_uri (state->dataset_uri);

  if (dataset_file == NULL ||
      (self->file != NULL && g_file_equal (self->file, dataset_file) &&
       atlas_context_get_dataset (self->context) != NULL))
    {
      atlas_window_restore_view (self, state);
      return;
    }

  /* applied when the dataset has loaded; the load clears it on failure */
  atlas_window_open_file (self, dataset_file);
  g_clear_pointer (&self->pending_view, atlas_view_state_free);
  self->pending_view = g_steal_pointer (&owned);
}

const char *
atlas_window_get_last_toast (AtlasWindow *self)
{
  g_return_val_if_fail (ATLAS_IS_WINDOW (self), NULL);

  return self->last_toast;
}

/* Set up and tear down */

void
atlas_window_files_init (AtlasWindow *self)
{
  GtkDropTarget *target;

  target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (target, (GType[2]) { GDK_TYPE_FILE_LIST, G_TYPE_FILE }, 2);
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  /* :drop(active) highlights the content while a file is dragged over it */
  gtk_widget_add_css_class (GTK_WIDGET (self->toast_overlay), "drop-target");
  gtk_widget_add_controller (GTK_WIDGET (self->toast_overlay), GTK_EVENT_CONTROLLER (target));
}

void
atlas_window_files_constructed (AtlasWindow *self)
{
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::recent-files",
                             G_CALLBACK (rebuild_recent_menu), self, G_CONNECT_SWAPPED);
  rebuild_recent_menu (self);
}

void
atlas_window_files_dispose (AtlasWindow *self)
{
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->monitor, monitor_changed_cb, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  g_clear_handle_id (&self->monitor_timeout_id, g_source_remove);
  if (self->map_tick_id != 0 && self->map_view != NULL)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->map_view), self->map_tick_id);
  self->map_tick_id = 0;
  g_clear_pointer (&self->pending_view, atlas_view_state_free);
}
