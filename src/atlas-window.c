/* atlas-window.c — the main window: layout, header bar, loading, dialogs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "atlas-window"

#include "config.h"

#include <glib/gi18n.h>
#include <time.h>
#include <unistd.h>

#include "atlas-application.h"
#include "atlas-basemap-source.h"
#include "atlas-undated-tray.h"
#include "atlas-window-private.h"

G_DEFINE_FINAL_TYPE (AtlasWindow, atlas_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_UP_TO_PLAYHEAD,
  PROP_BASEMAP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The screenshot is taken once no tile has been pending for QUIET_POLLS polls
 * in a row (so that layout, framing and the tiles they ask for have landed),
 * or after MAX_POLLS whatever happens. */
#define SCREENSHOT_POLL_MS 100
#define SCREENSHOT_QUIET_POLLS 20
#define SCREENSHOT_MAX_POLLS 150

/* how much of a file is read to tell a view (.atlasview) from a dataset */
#define SNIFF_BYTES 65536

AtlasWindowOptions *
atlas_window_options_new (void)
{
  return g_new0 (AtlasWindowOptions, 1);
}

void
atlas_window_options_free (AtlasWindowOptions *options)
{
  if (options == NULL)
    return;

  g_free (options->select_event);
  g_strfreev (options->actors);
  g_free (options->time);
  g_free (options->screenshot);
  g_free (options);
}

/* Helpers */

static char *
describe_source (AtlasDataset *dataset)
{
  GListModel *sources = atlas_dataset_get_sources (dataset);
  g_autoptr(AtlasSource) source = NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  guint n_sources = g_list_model_get_n_items (sources);

  if (n_sources == 0)
    return NULL;

  /* an import from many reports (an ACLED export) is not one document */
  if (n_sources > 1)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u source", "%u sources", n_sources),
                            n_sources);

  source = g_list_model_get_item (sources, 0);
  if (atlas_source_get_publisher (source) != NULL)
    g_ptr_array_add (parts, (gpointer) atlas_source_get_publisher (source));
  if (atlas_source_get_dateline (source) != NULL)
    g_ptr_array_add (parts, (gpointer) atlas_source_get_dateline (source));
  if (atlas_source_get_published (source) != NULL)
    g_ptr_array_add (parts, (gpointer) atlas_source_get_published (source));
  if (parts->len == 0 && atlas_source_get_title (source) != NULL)
    g_ptr_array_add (parts, (gpointer) atlas_source_get_title (source));
  if (parts->len == 1)
    return g_strdup (g_ptr_array_index (parts, 0));

  /* several pieces of dataset text in one line: isolate each (a right-to-left
   * override in the publisher must not reorder the date) */
  {
    g_autoptr(GPtrArray) isolated = g_ptr_array_new_with_free_func (g_free);

    for (guint i = 0; i < parts->len; i++)
      g_ptr_array_add (isolated, atlas_bidi_isolate (g_ptr_array_index (parts, i)));
    g_ptr_array_add (isolated, NULL);
    return g_strjoinv (" · ", (char **) isolated->pdata);
  }
}

static void
update_counts (AtlasWindow *self)
{
  AtlasDataset *dataset = atlas_context_get_dataset (self->context);
  AtlasFilter *filter = atlas_context_get_filter (self->context);
  g_autofree char *text = NULL;
  guint total;

  if (dataset == NULL)
    {
      gtk_label_set_text (self->count_label, "");
      gtk_widget_set_visible (self->clear_filter_button, FALSE);
      return;
    }

  total = atlas_dataset_get_n_events (dataset);
  /* Translators: %'u is a count with the locale's thousands separators (1,000,000) */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%'u of %'u event shown",
                                       "%'u of %'u events shown", total),
                          atlas_context_get_n_visible (self->context), total);
  gtk_label_set_text (self->count_label, text);
  gtk_widget_set_visible (self->clear_filter_button, !atlas_filter_is_empty (filter));
}

static void
update_playhead_label (AtlasWindow *self)
{
  gint64 playhead = atlas_context_get_playhead (self->context);
  g_autofree char *text = NULL;

  if (!atlas_context_get_up_to_playhead (self->context) || playhead == ATLAS_TIME_NONE)
    {
      gtk_label_set_text (self->playhead_label, "");
      return;
    }

  text = atlas_time_format_human (playhead, 0, ATLAS_PRECISION_DAY, ATLAS_BASIS_STATED);
  gtk_label_set_text (self->playhead_label, text);
}

static void
update_title (AtlasWindow *self)
{
  AtlasDataset *dataset = atlas_context_get_dataset (self->context);
  g_autofree char *subtitle = NULL;
  const char *title = NULL;

  if (dataset != NULL)
    {
      title = atlas_dataset_get_title (dataset);
      subtitle = describe_source (dataset);
      if (title == NULL && self->file != NULL)
        title = g_file_peek_path (self->file);
    }

  adw_window_title_set_title (self->window_title, title != NULL ? title : _("Event Atlas"));
  adw_window_title_set_subtitle (self->window_title, subtitle != NULL ? subtitle : "");
  gtk_window_set_title (GTK_WINDOW (self), title != NULL ? title : _("Event Atlas"));
}

static void
remember_recent (AtlasWindow *self,
                 GFile       *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  g_auto(GStrv) recent = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;
  guint kept = 0;

  if (self->settings == NULL || g_str_has_prefix (uri, "resource:"))
    return;

  g_settings_set_string (self->settings, "last-file", uri);

  recent = g_settings_get_strv (self->settings, "recent-files");
  g_strv_builder_add (builder, uri);
  for (guint i = 0; recent[i] != NULL && kept < 9; i++)
    if (g_strcmp0 (recent[i], uri) != 0)
      {
        g_strv_builder_add (builder, recent[i]);
        kept++;
      }
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-files", (const char * const *) updated);
}

static void
show_errors (AtlasWindow *self,
             GFile       *file,
             const char  *messages)
{
  g_free (self->error_text);
  self->error_text = g_strdup (messages);

  if (atlas_context_get_dataset (self->context) == NULL)
    {
      g_autofree char *basename = g_file_get_basename (file);
      g_autofree char *description = NULL;

      /* Translators: %s is a file name */
      description = g_strdup_printf (_("“%s” is not a dataset Event Atlas can show. "
                                       "Nothing was loaded from it."), basename);
      adw_status_page_set_description (self->error_page, description);
      gtk_label_set_text (self->error_label, messages);
      gtk_stack_set_visible_child_name (self->stack, "error");
    }
  else
    {
      g_autofree char *basename = g_file_get_basename (file);
      g_autofree char *heading = NULL;
      AdwMessageDialog *dialog;
      GtkWidget *label;
      GtkWidget *scroller;

      /* Translators: %s is a file name */
      heading = g_strdup_printf (_("Could Not Open “%s”"), basename);
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading,
                                                           _("The dataset shown is unchanged.")));
      label = gtk_label_new (messages);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "monospace");
      scroller = gtk_scrolled_window_new ();
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller),
                                      GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 320);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), label);
      adw_message_dialog_set_extra_child (dialog, scroller);
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
show_link_error (AtlasWindow *self,
                 const char  *message)
{
  AdwMessageDialog *dialog;

  g_free (self->error_text);
  self->error_text = g_strdup (message);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Could Not Open the Link"), message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
take_screenshot (AtlasWindow *self)
{
  g_autoptr(AtlasWindowOptions) options = g_steal_pointer (&self->pending);
  g_autoptr(GError) error = NULL;
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

  if (options == NULL || options->screenshot == NULL)
    return;

  if (!atlas_window_save_png (self, options->screenshot, &error))
    g_printerr ("%s: %s\n", options->screenshot, error->message);

  if (options->release_app_when_done && app != NULL)
    {
      g_application_release (app);
      gtk_window_close (GTK_WINDOW (self));
    }
}

/* The screenshot waits until the layout has settled and no tile is being
 * drawn: polled, since tiles are drawn in worker threads. */
static gboolean
screenshot_poll_cb (gpointer user_data)
{
  AtlasWindow *self = user_data;
  gboolean settled;

  self->screenshot_polls++;
  settled = gtk_widget_get_mapped (GTK_WIDGET (self)) &&
            (self->basemap == NULL || atlas_basemap_source_get_n_pending (self->basemap) == 0);
  self->screenshot_quiet = settled ? self->screenshot_quiet + 1 : 0;

  if (self->screenshot_quiet < SCREENSHOT_QUIET_POLLS &&
      self->screenshot_polls < SCREENSHOT_MAX_POLLS)
    return G_SOURCE_CONTINUE;

  self->screenshot_id = 0;
  take_screenshot (self);

  return G_SOURCE_REMOVE;
}

/* ATLAS_REPORT_FIRST_FRAME=1: how long after the process started the first frame
 * that shows the dataset, framed, with every basemap tile in view drawn was painted */
static double
ms_since_process_start (void)
{
  g_autofree char *stat = NULL;
  const char *p;
  struct timespec now;
  guint64 start_ticks = 0;

  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL)
      || (p = strrchr (stat, ')')) == NULL
      || clock_gettime (CLOCK_BOOTTIME, &now) != 0)
    return -1;

  /* field 22, starttime, in clock ticks after boot; the name before ')' may hold spaces */
  for (guint field = 2; field < 22 && p != NULL; field++)
    p = strchr (p + 1, ' ');
  if (p == NULL)
    return -1;
  start_ticks = g_ascii_strtoull (p + 1, NULL, 10);

  return (double) now.tv_sec * 1000.0 + (double) now.tv_nsec / 1e6
         - (double) start_ticks * 1000.0 / (double) sysconf (_SC_CLK_TCK);
}

static gboolean
basemap_in_view_is_drawn (AtlasWindow *self)
{
  guint zoom;
  int x0, y0, x1, y1, columns;

  if (self->basemap == NULL ||
      !atlas_map_view_get_visible_tiles (self->map_view, &zoom, &x0, &y0, &x1, &y1))
    return FALSE;

  columns = 1 << zoom;
  for (int x = x0; x <= x1; x++)
    for (int y = y0; y <= y1; y++)
      {
        /* columns wrap around the world */
        guint column = (guint) (((x % columns) + columns) % columns);

        if (!atlas_basemap_source_is_drawn (self->basemap, zoom, column, (guint) y))
          return FALSE;
      }

  return TRUE;
}

static void
report_after_paint_cb (AtlasWindow   *self,
                       GdkFrameClock *clock)
{
  /* the dataset is shown, framed, and each basemap tile in view is drawn */
  if (atlas_context_get_dataset (self->context) == NULL
      || g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "main") != 0
      || !basemap_in_view_is_drawn (self))
    return;

  g_signal_handlers_disconnect_by_func (clock, report_after_paint_cb, self);
  g_print ("first complete frame: %.0f ms after the process started\n",
           ms_since_process_start ());
}

static void
report_realize_cb (AtlasWindow *self)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                           G_CALLBACK (report_after_paint_cb), self, G_CONNECT_SWAPPED);
}

static void
schedule_screenshot (AtlasWindow *self)
{
  g_clear_handle_id (&self->screenshot_id, g_source_remove);
  self->screenshot_polls = 0;
  self->screenshot_quiet = 0;
  self->screenshot_id = g_timeout_add (SCREENSHOT_POLL_MS, screenshot_poll_cb, self);
}

static void
apply_pending (AtlasWindow *self)
{
  g_autoptr(AtlasWindowOptions) options = g_steal_pointer (&self->pending);
  AtlasDataset *dataset = atlas_context_get_dataset (self->context);
  AtlasFilter *filter = atlas_context_get_filter (self->context);

  if (options == NULL || dataset == NULL)
    return;

  for (guint i = 0; options->actors != NULL && options->actors[i] != NULL; i++)
    {
      AtlasActor *actor = atlas_dataset_lookup_actor (dataset, options->actors[i]);

      if (actor != NULL)
        atlas_filter_set_actor_active (filter, actor, TRUE);
      else
        g_printerr (_("--actor %s: no actor with this id in the dataset\n"), options->actors[i]);
    }

  if (options->time != NULL)
    {
      AtlasTimeParse parsed;

      if (atlas_time_parse (options->time, &parsed, NULL))
        {
          atlas_context_set_up_to_playhead (self->context, TRUE);
          atlas_context_set_playhead (self->context, parsed.instant);
        }
    }

  if (options->select_event != NULL)
    {
      AtlasEvent *event = atlas_dataset_lookup_event (dataset, options->select_event);

      if (event != NULL)
        atlas_selection_select_event (atlas_context_get_selection (self->context), event);
      else
        g_printerr (_("--select %s: no event with this id in the dataset\n"), options->select_event);
    }

  if (options->screenshot != NULL)
    {
      /* The screenshot keeps the options until it is taken. */
      self->pending = g_steal_pointer (&options);
      schedule_screenshot (self);
    }
}

/* reports may still arrive after a load was cancelled or replaced */
static void
load_progress_cb (double   fraction,
                  gpointer user_data)
{
  AtlasWindow *self = user_data;

  if (self->load_cancellable == NULL || g_cancellable_is_cancelled (self->load_cancellable))
    return;

  gtk_progress_bar_set_fraction (self->loading_progress, fraction);
  gtk_progress_bar_set_fraction (self->header_load_progress, fraction);
}

/* A spinner redraws the window on every frame; under a software renderer each frame
 * costs tens of milliseconds and holds up the loader's callbacks on the main loop.  A
 * quick load (the bundled dataset) never needs it, so it starts only if the load is
 * still running after a moment. */
#define SPINNER_DELAY_MS 400

static gboolean
start_spinner_cb (gpointer user_data)
{
  AtlasWindow *self = user_data;

  self->spinner_id = 0;
  gtk_spinner_set_spinning (self->loading_spinner, TRUE);
  return G_SOURCE_REMOVE;
}

static void
set_loading (AtlasWindow *self,
             gboolean     loading)
{
  g_clear_handle_id (&self->spinner_id, g_source_remove);
  gtk_spinner_set_spinning (self->loading_spinner, FALSE);
  if (loading)
    self->spinner_id = g_timeout_add (SPINNER_DELAY_MS, start_spinner_cb, self);
  gtk_progress_bar_set_fraction (self->loading_progress, 0.0);
  gtk_progress_bar_set_fraction (self->header_load_progress, 0.0);
  /* the dataset shown stays until the new one is complete */
  gtk_widget_set_visible (self->header_load_box,
                          loading && atlas_context_get_dataset (self->context) != NULL);

  if (loading && atlas_context_get_dataset (self->context) == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");

  atlas_window_update_actions (self);
}

static void
style_dark_changed_cb (AtlasWindow *self)
{
  g_autofree char *basemap = NULL;

  /* Tiles already drawn keep their colours: start over with a new source. */
  g_object_get (self, "basemap", &basemap, NULL);
  atlas_window_set_basemap (self, basemap);
}

/* Callbacks */

static void show_loaded (AtlasWindow  *self,
                         AtlasDataset *dataset,
                         const GError *error);

static void
load_ready_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(AtlasWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) dataset = NULL;

  dataset = atlas_dataset_load_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  show_loaded (self, dataset, error);
}

/* The end of a load of self->loading_file: @dataset, or @error */
static void
show_loaded (AtlasWindow  *self,
             AtlasDataset *dataset,
             const GError *error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(AtlasViewState) view = NULL;
  GtkStackTransitionType transition;
  gboolean auto_reload;

  /* From a loading page that never had to show its spinner, the dataset appears at
   * once: a crossfade would spend frames on a page that said nothing, and hold up the
   * basemap (libshumate asks for tiles when no frame is due). */
  transition = gtk_spinner_get_spinning (self->loading_spinner)
               ? GTK_STACK_TRANSITION_TYPE_CROSSFADE : GTK_STACK_TRANSITION_TYPE_NONE;
  file = g_steal_pointer (&self->loading_file);
  g_clear_object (&self->load_cancellable);
  set_loading (self, FALSE);

  auto_reload = self->auto_reload;
  self->auto_reload = FALSE;
  view = g_steal_pointer (&self->pending_view);

  if (dataset == NULL)
    {
      show_errors (self, file, error->message);
      g_clear_pointer (&self->pending, atlas_window_options_free);
      if (atlas_context_get_dataset (self->context) != NULL)
        gtk_stack_set_visible_child_name (self->stack, "main");
      return;
    }

  /* a reload keeps what the user was looking at, where the ids still exist */
  if (view == NULL && self->file != NULL && g_file_equal (self->file, file) &&
      atlas_context_get_dataset (self->context) != NULL)
    view = atlas_window_capture_view (self);

  g_clear_pointer (&self->error_text, g_free);
  g_set_object (&self->file, file);
  remember_recent (self, file);
  atlas_window_watch_file (self);

  atlas_context_set_dataset (self->context, dataset);
  gtk_stack_set_visible_child_full (self->stack, "main", transition);

  if (view != NULL)
    atlas_window_restore_view (self, view);

  if (auto_reload)
    {
      g_autofree char *basename = g_file_get_basename (file);
      g_autofree char *message = NULL;

      /* Translators: %s is a file name */
      message = g_strdup_printf (_("Reloaded “%s” — it changed on disk"), basename);
      atlas_window_toast (self, message);
    }

  apply_pending (self);
}

/* A saved view is small and names its format; anything else goes to the dataset
 * loader, which tells the formats apart */
static gboolean
may_be_view (const char *contents,
             gsize       length)
{
  return length < SNIFF_BYTES &&
         g_strstr_len (contents, (gssize) length, "\"" ATLAS_VIEW_STATE_FORMAT "\"") != NULL;
}

static gboolean
sniff_read_more_cb (const char *file_contents,
                    goffset     file_size,
                    gpointer    user_data)
{
  return file_size < SNIFF_BYTES;
}

static void
sniff_ready_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AtlasWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasViewState) view = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_load_partial_contents_finish (G_FILE (object), result, &contents, &length,
                                            NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* the dataset loader reports an unreadable file in its own words */
      g_clear_error (&error);
    }
  else if (may_be_view (contents, length))
    {
      view = atlas_view_state_from_json (contents, length, &error);
      if (view == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
        g_clear_error (&error);
      else if (view != NULL && self->pending_view != NULL)
        {
          g_clear_pointer (&view, atlas_view_state_free);
          g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("A view must name a dataset, not another view"));
        }
    }

  if (view == NULL && error == NULL)
    {
      atlas_dataset_load_with_progress_async (self->loading_file, load_progress_cb,
                                              g_object_ref (self), g_object_unref,
                                              self->load_cancellable, load_ready_cb,
                                              g_object_ref (self));
      return;
    }

  file = g_steal_pointer (&self->loading_file);
  g_clear_object (&self->load_cancellable);
  set_loading (self, FALSE);

  if (view != NULL)
    {
      atlas_window_open_view (self, g_steal_pointer (&view));
      return;
    }

  g_clear_pointer (&self->pending_view, atlas_view_state_free);
  g_clear_pointer (&self->pending, atlas_window_options_free);
  show_errors (self, file, error->message);
  if (atlas_context_get_dataset (self->context) != NULL)
    gtk_stack_set_visible_child_name (self->stack, "main");
}

static void
context_visible_changed_cb (AtlasWindow *self)
{
  update_counts (self);
  update_playhead_label (self);
}

static void
context_dataset_changed_cb (AtlasWindow *self)
{
  update_title (self);
  update_counts (self);
  atlas_window_update_actions (self);
}

static void
context_up_to_playhead_changed_cb (AtlasWindow *self)
{
  update_playhead_label (self);
  if (self->settings != NULL)
    g_settings_set_boolean (self->settings, "up-to-playhead",
                            atlas_context_get_up_to_playhead (self->context));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UP_TO_PLAYHEAD]);
}

static void
selection_changed_cb (AtlasWindow *self)
{
  AtlasSelection *selection = atlas_context_get_selection (self->context);

  gtk_revealer_set_reveal_child (self->details_revealer,
                                 atlas_selection_get_n_events (selection) > 0);
}

static void
source_revealed_cb (AtlasWindow *self)
{
  if (self->settings != NULL)
    g_settings_set_boolean (self->settings, "source-pane-visible",
                            gtk_revealer_get_reveal_child (self->source_revealer));
}

static void
search_changed_cb (AtlasWindow    *self,
                   GtkSearchEntry *entry)
{
  atlas_filter_set_search (atlas_context_get_filter (self->context),
                           gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
stop_search_cb (AtlasWindow    *self,
                GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

/* Restores the timeline's height once the paned has its real size: GtkPaned
 * positions count from the top, the saved value from the bottom.  The paned fills
 * the stack, so when it was just shown in place of another page the stack's height
 * is its own: the position is then right on its first frame, not one frame later
 * (each frame of the main page is costly under a software renderer, and the map
 * asks for its tiles only once no frame is due). */
static gboolean
paned_restore_tick_cb (GtkWidget     *widget,
                       GdkFrameClock *frame_clock,
                       gpointer       user_data)
{
  AtlasWindow *self = ATLAS_WINDOW (user_data);
  int height = gtk_widget_get_height (widget);
  int timeline_height = 280;

  if (height <= 0)
    height = gtk_widget_get_height (GTK_WIDGET (self->stack));
  if (height <= 0)
    return G_SOURCE_CONTINUE;

  if (self->settings != NULL)
    timeline_height = g_settings_get_int (self->settings, "timeline-height");

  /* at most two fifths of the height: the map stays the larger part */
  timeline_height = CLAMP (timeline_height, 140, MAX (140, height * 2 / 5));
  gtk_paned_set_position (self->paned, height - timeline_height);
  self->paned_restored = TRUE;

  return G_SOURCE_REMOVE;
}

/* Below this width the actor sidebar folds into an overlay, so that the map
 * keeps room beside the details. */
#define FOLD_SIDEBAR_BELOW 1100

static void
window_width_changed_cb (AtlasWindow *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height;

  if (width <= 0)
    gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  adw_flap_set_fold_policy (self->flap, width > 0 && width < FOLD_SIDEBAR_BELOW
                                        ? ADW_FLAP_FOLD_POLICY_ALWAYS
                                        : ADW_FLAP_FOLD_POLICY_AUTO);
}

static void
paned_map_cb (AtlasWindow *self)
{
  if (!self->paned_restored)
    gtk_widget_add_tick_callback (GTK_WIDGET (self->paned), paned_restore_tick_cb, self, NULL);
}

static void
save_window_state (AtlasWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }

  if (self->paned_restored)
    g_settings_set_int (self->settings, "timeline-height",
                        gtk_widget_get_height (GTK_WIDGET (self->paned)) -
                        gtk_paned_get_position (self->paned));
  /* folded, the sidebar is an overlay that hides itself: not the user's choice */
  if (!adw_flap_get_folded (self->flap))
    g_settings_set_boolean (self->settings, "sidebar-visible", adw_flap_get_reveal_flap (self->flap));
}

/* Overrides */

static gboolean
atlas_window_close_request (GtkWindow *window)
{
  AtlasWindow *self = ATLAS_WINDOW (window);

  save_window_state (self);
  atlas_window_cancel_load (self);

  return GTK_WINDOW_CLASS (atlas_window_parent_class)->close_request (window);
}

static void application_changed_cb (AtlasWindow *self);

static void
atlas_window_constructed (GObject *object)
{
  AtlasWindow *self = ATLAS_WINDOW (object);

  G_OBJECT_CLASS (atlas_window_parent_class)->constructed (object);

  if (self->context == NULL)
    self->context = atlas_context_new ();
  /* The template's bindings were made before the construct property was set. */
  g_object_notify_by_pspec (object, properties[PROP_CONTEXT]);

  g_signal_connect_object (self->context, "visible-changed",
                           G_CALLBACK (context_visible_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::dataset",
                           G_CALLBACK (context_dataset_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::up-to-playhead",
                           G_CALLBACK (context_up_to_playhead_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (atlas_context_get_selection (self->context), "changed",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);

  atlas_window_set_basemap (self, "offline");
  if (g_strcmp0 (g_getenv ("ATLAS_REPORT_FIRST_FRAME"), "1") == 0)
    g_signal_connect (self, "realize", G_CALLBACK (report_realize_cb), NULL);
  /* GtkWindow:application is not a construct property: g_object_new() sets it
   * after constructed(), so the settings are read when it is set */
  g_signal_connect (self, "notify::application", G_CALLBACK (application_changed_cb), NULL);
  application_changed_cb (self);
  g_signal_connect_object (self->source_revealer, "notify::reveal-child",
                           G_CALLBACK (source_revealed_cb), self, G_CONNECT_SWAPPED);

  update_title (self);
  update_counts (self);
  atlas_window_update_actions (self);
}

static void
application_changed_cb (AtlasWindow *self)
{
  g_autofree char *basemap = NULL;
  GtkApplication *app;

  app = gtk_window_get_application (GTK_WINDOW (self));
  if (self->settings != NULL || !ATLAS_IS_APPLICATION (app))
    return;

  self->settings = atlas_application_get_settings (ATLAS_APPLICATION (app));
  if (self->settings != NULL)
    {
      g_object_ref (self->settings);
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      /* folded (a narrow window), the sidebar starts hidden: it would cover the map */
      adw_flap_set_reveal_flap (self->flap,
                                g_settings_get_boolean (self->settings, "sidebar-visible") &&
                                adw_flap_get_fold_policy (self->flap) != ADW_FLAP_FOLD_POLICY_ALWAYS);
      gtk_revealer_set_reveal_child (self->source_revealer,
                                     g_settings_get_boolean (self->settings,
                                                             "source-pane-visible"));
      atlas_context_set_up_to_playhead (self->context,
                                        g_settings_get_boolean (self->settings, "up-to-playhead"));
      basemap = g_settings_get_string (self->settings, "basemap");
      atlas_window_set_basemap (self, basemap);
    }

  atlas_window_files_constructed (self);
}

static void
atlas_window_dispose (GObject *object)
{
  AtlasWindow *self = ATLAS_WINDOW (object);

  atlas_window_cancel_load (self);
  atlas_window_files_dispose (self);
  g_clear_handle_id (&self->screenshot_id, g_source_remove);
  g_clear_handle_id (&self->spinner_id, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_WINDOW);

  g_clear_object (&self->context);
  g_clear_object (&self->settings);
  g_clear_object (&self->file);
  g_clear_object (&self->loading_file);
  g_clear_object (&self->basemap);

  G_OBJECT_CLASS (atlas_window_parent_class)->dispose (object);
}

static void
atlas_window_finalize (GObject *object)
{
  AtlasWindow *self = ATLAS_WINDOW (object);

  g_clear_pointer (&self->pending, atlas_window_options_free);
  g_free (self->error_text);
  g_free (self->last_toast);

  G_OBJECT_CLASS (atlas_window_parent_class)->finalize (object);
}

static void
atlas_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  AtlasWindow *self = ATLAS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_BASEMAP:
      g_value_set_string (value, self->basemap != NULL &&
                                 atlas_basemap_source_get_upstream (self->basemap) != NULL
                                 ? "openstreetmap" : "offline");
      break;

    case PROP_UP_TO_PLAYHEAD:
      g_value_set_boolean (value, self->context != NULL &&
                                  atlas_context_get_up_to_playhead (self->context));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  AtlasWindow *self = ATLAS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    case PROP_BASEMAP:
      if (self->map_view != NULL)
        atlas_window_set_basemap (self, g_value_get_string (value));
      break;

    case PROP_UP_TO_PLAYHEAD:
      if (self->context != NULL)
        atlas_context_set_up_to_playhead (self->context, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_window_class_init (AtlasWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = atlas_window_constructed;
  object_class->dispose = atlas_window_dispose;
  object_class->finalize = atlas_window_finalize;
  object_class->get_property = atlas_window_get_property;
  object_class->set_property = atlas_window_set_property;

  window_class->close_request = atlas_window_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         ATLAS_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_UP_TO_PLAYHEAD] =
    g_param_spec_boolean ("up-to-playhead", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BASEMAP] =
    g_param_spec_string ("basemap", NULL, NULL,
                         "offline",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ATLAS_TYPE_ACTOR_SIDEBAR);
  g_type_ensure (ATLAS_TYPE_EVENT_DETAILS);
  g_type_ensure (ATLAS_TYPE_MAP_VIEW);
  g_type_ensure (ATLAS_TYPE_SOURCE_PANE);
  g_type_ensure (ATLAS_TYPE_TIMELINE);
  g_type_ensure (ATLAS_TYPE_UNDATED_TRAY);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/eventatlas/EventAtlas/atlas-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, loading_progress);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, header_load_box);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, header_load_progress);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, map_view);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, source_revealer);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, source_pane);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, details_revealer);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, details);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, playhead_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, count_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, clear_filter_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, timeline);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, recent_section);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);

  atlas_window_class_install_actions (klass);
}

static void
atlas_window_init (AtlasWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  g_signal_connect_object (self->paned, "map",
                           G_CALLBACK (paned_map_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self, "notify::default-width",
                           G_CALLBACK (window_width_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self, "notify::maximized",
                           G_CALLBACK (window_width_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (style_dark_changed_cb), self, G_CONNECT_SWAPPED);
  atlas_window_files_init (self);
}

/* Internal API */

void
atlas_window_toast (AtlasWindow *self,
                    const char  *message)
{
  g_free (self->last_toast);
  self->last_toast = g_strdup (message);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

void
atlas_window_cancel_load (AtlasWindow *self)
{
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->loading_file);
  if (self->stack != NULL)
    {
      set_loading (self, FALSE);
      if (atlas_context_get_dataset (self->context) != NULL)
        gtk_stack_set_visible_child_name (self->stack, "main");
    }
}

void
atlas_window_open_example (AtlasWindow *self)
{
  g_autoptr(GFile) file = g_file_new_for_uri (ATLAS_EXAMPLE_DATASET_URI);

  atlas_window_open_file (self, file);
}

void
atlas_window_reload (AtlasWindow *self)
{
  g_autoptr(GFile) file = NULL;

  if (self->file == NULL)
    return;

  file = g_object_ref (self->file);
  atlas_window_open_file (self, file);
}

void
atlas_window_set_basemap (AtlasWindow *self,
                          const char  *name)
{
  g_autoptr(AtlasBasemapSource) source = NULL;
  gboolean online = g_strcmp0 (name, "openstreetmap") == 0;

  /* The network is used only when the user has chosen online tiles. */
  source = online ? atlas_basemap_source_new_online () : atlas_basemap_source_new ();
  atlas_basemap_source_set_dark (source, adw_style_manager_get_dark (adw_style_manager_get_default ()));
  g_set_object (&self->basemap, source);
  atlas_map_view_set_map_source (self->map_view, SHUMATE_MAP_SOURCE (source));

  if (self->settings != NULL)
    g_settings_set_string (self->settings, "basemap", online ? "openstreetmap" : "offline");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASEMAP]);
}

/* Public API */

AtlasWindow *
atlas_window_new (AtlasApplication *application)
{
  g_autoptr(AtlasContext) context = atlas_context_new ();

  return g_object_new (ATLAS_TYPE_WINDOW,
                       "application", application,
                       "context", context,
                       NULL);
}

AtlasContext *
atlas_window_get_context (AtlasWindow *self)
{
  g_return_val_if_fail (ATLAS_IS_WINDOW (self), NULL);

  return self->context;
}

/* Before the window is first shown, a small dataset (the bundled one, most single
 * reports) is read at once: the first frame then shows it rather than a loading page,
 * and under a software renderer one frame costs more than the whole load.  TRUE when
 * it was (loaded or not); FALSE leaves the file to the asynchronous load. */
static gboolean
open_small_file_now (AtlasWindow *self,
                     GFile       *file)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(AtlasDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  if (gtk_widget_get_mapped (GTK_WIDGET (self)) || atlas_context_get_dataset (self->context) != NULL)
    return FALSE;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info == NULL || g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR ||
      g_file_info_get_size (info) > SNIFF_BYTES * 8)
    return FALSE;

  /* a view names its dataset: the asynchronous path reads both */
  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, NULL) ||
      may_be_view (contents, length))
    return FALSE;

  dataset = atlas_dataset_new_from_file (file, NULL, &error);
  show_loaded (self, dataset, error);
  return TRUE;
}

void
atlas_window_open_file (AtlasWindow *self,
                        GFile       *file)
{
  g_return_if_fail (ATLAS_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  atlas_window_cancel_load (self);
  self->auto_reload = FALSE;
  g_clear_pointer (&self->pending_view, atlas_view_state_free);

  if (g_file_has_uri_scheme (file, ATLAS_VIEW_STATE_SCHEME))
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_autoptr(GError) error = NULL;
      AtlasViewState *view = atlas_view_state_from_uri (uri, &error);

      if (view == NULL)
        show_link_error (self, error->message);
      else
        atlas_window_open_view (self, view);
      return;
    }

  self->load_cancellable = g_cancellable_new ();
  self->loading_file = g_object_ref (file);

  if (open_small_file_now (self, file))
    return;

  set_loading (self, TRUE);

  /* a view file is told by its content, before the dataset loader sees it */
  g_file_load_partial_contents_async (file, self->load_cancellable, sniff_read_more_cb,
                                      sniff_ready_cb, g_object_ref (self));
}

void
atlas_window_apply (AtlasWindow        *self,
                    GFile              *file,
                    AtlasWindowOptions *options)
{
  g_return_if_fail (ATLAS_IS_WINDOW (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  g_clear_pointer (&self->pending, atlas_window_options_free);
  self->pending = options;

  if (file != NULL)
    atlas_window_open_file (self, file);
  else if (atlas_context_get_dataset (self->context) == NULL && self->load_cancellable == NULL)
    atlas_window_open_example (self);
  else if (self->load_cancellable == NULL)
    apply_pending (self);
}

gboolean
atlas_window_is_loading (AtlasWindow *self)
{
  g_return_val_if_fail (ATLAS_IS_WINDOW (self), FALSE);

  return self->load_cancellable != NULL;
}

const char *
atlas_window_get_error (AtlasWindow *self)
{
  g_return_val_if_fail (ATLAS_IS_WINDOW (self), NULL);

  return self->error_text;
}

gboolean
atlas_window_save_png (AtlasWindow  *self,
                       const char   *path,
                       GError      **error)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer;
  int width, height;

  g_return_val_if_fail (ATLAS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  renderer = gtk_native_get_renderer (GTK_NATIVE (self));
  if (width <= 0 || height <= 0 || renderer == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("The window is not shown, so there is nothing to save"));
      return FALSE;
    }

  paintable = gtk_widget_paintable_new (GTK_WIDGET (self));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("The window drew nothing"));
      return FALSE;
    }

  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not write %s"), path);
      return FALSE;
    }

  return TRUE;
}
