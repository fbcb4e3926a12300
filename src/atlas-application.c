/* atlas-application.c — the application: actions, command line, settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "atlas-application"

#include "config.h"

#include <glib/gi18n.h>
#include <shumate/shumate.h>
#include <stdio.h>

#include "atlas-application.h"
#include "atlas-basemap-render.h"
#include "atlas-cli.h"
#include "atlas-window.h"

struct _AtlasApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;

  guint           settings_missing : 1;
};

G_DEFINE_FINAL_TYPE (AtlasApplication, atlas_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the version and exit"), NULL },
  { "validate", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Check each FILE without opening a window; exit 0 when all are valid"), NULL },
  { "coverage", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("With --validate: print the share of each source's sentences that events cite"), NULL },
  { "select", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Select the event with this id"), N_("EVENT_ID") },
  { "actor", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
    N_("Filter by this actor (repeatable)"), N_("ACTOR_ID") },
  { "time", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Put the playhead at this date and show events up to it"), N_("ISO_DATE") },
  { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Save the window as a PNG once it has settled, then quit"), N_("FILE.png") },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL,
    NULL, N_("[FILE…]") },
  { NULL }
};

static AtlasWindow *
get_or_create_window (AtlasApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (atlas_window_new (self));

  return ATLAS_WINDOW (window);
}

static void
about_action_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  AtlasApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *developers[] = { "Event Atlas developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", window,
                        "application-name", _("Event Atlas"),
                        "application-icon", APP_ID,
                        "developer-name", _("Event Atlas developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Explore the events of a news report on a map and a timeline, "
                                      "each traced to the sentence it comes from."),
                        "website", "https://github.com/eventatlas/event-atlas",
                        "issue-url", "https://github.com/eventatlas/event-atlas/issues",
                        "developers", developers,
                        /* Translators: your names, one per line, "Name <email>" or "Name https://…" */
                        "translator-credits", _("translator-credits"),
                        "copyright", "© 2026 Event Atlas developers",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        NULL);

  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about),
                                      _("Basemap"),
                                      _("Coastlines and borders: Digital Chart of the World, "
                                        "as packaged by GMT (DCW-GMT), © the GMT Team. "
                                        "The Aleppo city detail was drawn for Event Atlas "
                                        "and is approximate."),
                                      GTK_LICENSE_LGPL_3_0, NULL);
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about),
                                      _("Bundled dataset"),
                                      _("Events drawn from “Russia and US to discuss rebel "
                                        "withdrawal from east Aleppo”, a news report datelined "
                                        "Beirut, 5 December 2016, published by The National; "
                                        "quoted for research and teaching. The photograph that "
                                        "ran with the article (Reuters) is not included."),
                                      GTK_LICENSE_CUSTOM, NULL);
  adw_about_window_add_acknowledgement_section (ADW_ABOUT_WINDOW (about),
                                                _("Built with"),
                                                (const char *[]) {
                                                  "GTK https://gtk.org",
                                                  "libadwaita https://gnome.pages.gitlab.gnome.org/libadwaita/",
                                                  "libshumate https://gitlab.gnome.org/GNOME/libshumate",
                                                  "JSON-GLib https://gitlab.gnome.org/GNOME/json-glib",
                                                  NULL });

  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  AtlasApplication *self = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Close windows first so that they save their state. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);

  g_application_quit (G_APPLICATION (self));
}

static const GActionEntry app_entries[] = {
  { "about", about_action_cb },
  { "quit", quit_action_cb },
};

static int
atlas_application_handle_local_options (GApplication *app,
                                        GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_contains (options, "validate"))
    {
      g_autofree const char **paths = NULL;

      g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &paths);

      return atlas_cli_validate (paths, g_variant_dict_contains (options, "coverage"),
                                 stdout, stderr);
    }

  return G_APPLICATION_CLASS (atlas_application_parent_class)->handle_local_options (app, options);
}

static int
atlas_application_command_line (GApplication            *app,
                                GApplicationCommandLine *command_line)
{
  AtlasApplication *self = ATLAS_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autofree const char **paths = NULL;
  g_autoptr(AtlasWindowOptions) view = atlas_window_options_new ();
  g_autoptr(GFile) file = NULL;
  AtlasWindow *window;

  g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &paths);
  g_variant_dict_lookup (options, "select", "s", &view->select_event);
  g_variant_dict_lookup (options, "actor", "^as", &view->actors);
  g_variant_dict_lookup (options, "time", "s", &view->time);
  g_variant_dict_lookup (options, "screenshot", "^ay", &view->screenshot);

  if (paths != NULL && paths[0] != NULL)
    {
      file = g_application_command_line_create_file_for_arg (command_line, paths[0]);
      if (paths[1] != NULL)
        g_application_command_line_printerr (command_line, "%s\n",
                                             _("Only the first file is opened; "
                                               "use --validate to check several."));
    }

  if (view->time != NULL)
    {
      g_autoptr(GError) error = NULL;
      AtlasTimeParse parsed;

      if (!atlas_time_parse (view->time, &parsed, &error))
        {
          g_application_command_line_printerr (command_line, "--time %s: %s\n",
                                               view->time, error->message);
          return 2;
        }
    }

  if (view->screenshot != NULL)
    {
      /* Keep the app alive until the screenshot is written. */
      g_application_hold (app);
      view->release_app_when_done = TRUE;
    }

  window = get_or_create_window (self);
  atlas_window_apply (window, file, g_steal_pointer (&view));
  gtk_window_present (GTK_WINDOW (window));

  return 0;
}

static void
atlas_application_activate (GApplication *app)
{
  AtlasWindow *window = get_or_create_window (ATLAS_APPLICATION (app));

  gtk_window_present (GTK_WINDOW (window));
}

static void
atlas_application_open (GApplication  *app,
                        GFile        **files,
                        int            n_files,
                        const char    *hint)
{
  AtlasWindow *window = get_or_create_window (ATLAS_APPLICATION (app));

  if (n_files > 0)
    atlas_window_apply (window, files[0], NULL);
  gtk_window_present (GTK_WINDOW (window));
}

static gpointer
decode_basemap_thread (gpointer data)
{
  atlas_basemap_render_get_default_data ();
  return NULL;
}

static void
atlas_application_startup (GApplication *app)
{
  AtlasApplication *self = ATLAS_APPLICATION (app);

  /* The first basemap tile waits for the bundled basemap to be decoded (3.4 MB of
   * varints, tens of milliseconds): do it on the second core while GTK starts and the
   * window is built.  A tile that comes first waits for the same decoding. */
  g_thread_unref (g_thread_new ("atlas-basemap", decode_basemap_thread, NULL));

  G_APPLICATION_CLASS (atlas_application_parent_class)->startup (app);

  /* Tile servers ask clients to say who they are (only online tiles use the network). */
  shumate_set_user_agent ("EventAtlas/" PACKAGE_VERSION
                          " (+https://github.com/eventatlas/event-atlas)");

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_entries,
                                   G_N_ELEMENTS (app_entries), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close",
                                         (const char *[]) { "<Control>w", NULL });
}

static void
atlas_application_dispose (GObject *object)
{
  AtlasApplication *self = ATLAS_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (atlas_application_parent_class)->dispose (object);
}

static void
atlas_application_class_init (AtlasApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = atlas_application_dispose;

  app_class->handle_local_options = atlas_application_handle_local_options;
  app_class->command_line = atlas_application_command_line;
  app_class->activate = atlas_application_activate;
  app_class->open = atlas_application_open;
  app_class->startup = atlas_application_startup;
}

static void
atlas_application_init (AtlasApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[FILE…]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Explore the events of a news report on a map "
                                              "and a timeline."));
}

AtlasApplication *
atlas_application_new (void)
{
  return g_object_new (ATLAS_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", "/io/github/eventatlas/EventAtlas",
                       NULL);
}

GSettings *
atlas_application_get_settings (AtlasApplication *self)
{
  g_return_val_if_fail (ATLAS_IS_APPLICATION (self), NULL);

  if (self->settings == NULL && !self->settings_missing)
    {
      GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
      g_autoptr(GSettingsSchema) schema = NULL;

      if (source != NULL)
        schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);

      if (schema != NULL)
        self->settings = g_settings_new (APP_ID);
      else
        {
          /* Running uninstalled without the compiled schema: nothing is remembered. */
          g_warning ("GSettings schema %s is not installed; settings will not be saved", APP_ID);
          self->settings_missing = TRUE;
        }
    }

  return self->settings;
}
