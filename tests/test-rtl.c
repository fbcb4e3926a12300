/* test-rtl.c — the main window in Arabic: mirrored, translated, time still left to right
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run with LANGUAGE=ar (tests/meson.build) and the catalogues compiled in the build tree.
 * GTK takes the text direction from its own Arabic catalogue ("default:RTL"); when that or
 * the locale is missing, the tests are skipped rather than failed.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "atlas-basemap-render.h"
#include "atlas-window-private.h"

static gboolean have_rtl;

static void
wait_for_load (AtlasWindow *window)
{
  while (atlas_window_is_loading (window))
    g_main_context_iteration (NULL, TRUE);
}

static void
settle (GtkWidget *widget)
{
  gtk_test_widget_wait_for_draw (widget);
  for (guint i = 0; i < 20 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
  gtk_test_widget_wait_for_draw (widget);
}

static AtlasWindow *
open_window (void)
{
  g_autofree char *path = g_build_filename (TEST_DATADIR, "aleppo-2016-12-05.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AtlasWindow *window = atlas_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  atlas_window_open_file (window, file);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_load (window);
  g_assert_null (atlas_window_get_error (window));
  settle (GTK_WIDGET (window));

  return window;
}

static void
close_window (AtlasWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static GtkWidget *
find_action_button (GtkWidget  *widget,
                    const char *action_name)
{
  if (GTK_IS_ACTIONABLE (widget)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
collect_label_texts (GtkWidget *widget,
                     GPtrArray *texts)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (texts, (gpointer) gtk_label_get_text (GTK_LABEL (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_label_texts (child, texts);
}

static gboolean
skip_without_rtl (void)
{
  if (!have_rtl)
    g_test_skip ("GTK's Arabic catalogue (gtk40, \"default:RTL\") or the locale is not available");
  return !have_rtl;
}

/* The window mirrors; the timeline keeps time running left to right. */
static void
test_rtl_direction (void)
{
  AtlasWindow *window;

  if (skip_without_rtl ())
    return;

  window = open_window ();
  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (window)), ==, GTK_TEXT_DIR_RTL);
  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (window->sidebar)), ==, GTK_TEXT_DIR_RTL);
  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (window->timeline)), ==, GTK_TEXT_DIR_LTR);

  /* mirrored: the actor sidebar, first in the flap, sits on the right of the map */
  {
    graphene_point_t sidebar_origin, map_origin;

    g_assert_true (gtk_widget_compute_point (GTK_WIDGET (window->sidebar), GTK_WIDGET (window),
                                             &GRAPHENE_POINT_INIT (0, 0), &sidebar_origin));
    g_assert_true (gtk_widget_compute_point (GTK_WIDGET (window->map_view), GTK_WIDGET (window),
                                             &GRAPHENE_POINT_INIT (0, 0), &map_origin));
    g_assert_cmpfloat (sidebar_origin.x, >, map_origin.x);
  }

  close_window (window);
}

/* Labels from the templates and from C are the Arabic msgstrs. */
static void
test_rtl_translated_labels (void)
{
  AtlasWindow *window;
  GtkWidget *button;
  GtkWidget *content;

  if (skip_without_rtl ())
    return;

  window = open_window ();

  button = find_action_button (GTK_WIDGET (window), "win.up-to-playhead");
  g_assert_nonnull (button);
  content = gtk_button_get_child (GTK_BUTTON (button));
  g_assert_true (ADW_IS_BUTTON_CONTENT (content));
  g_assert_cmpstr (adw_button_content_get_label (ADW_BUTTON_CONTENT (content)), ==,
                   "_حتى رأس التشغيل");

  /* a plural from C: 30 is in Arabic's 11–99 form */
  g_assert_cmpstr (gtk_label_get_text (window->count_label), ==, "عُرض 31 من 31 حدثًا");

  close_window (window);
}

/* The actor list shows the dataset's Arabic names. */
static void
test_rtl_actor_names (void)
{
  AtlasWindow *window;
  AtlasDataset *dataset;
  AtlasActor *army_of_islam;
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();

  if (skip_without_rtl ())
    return;

  window = open_window ();
  dataset = atlas_context_get_dataset (atlas_window_get_context (window));
  army_of_islam = atlas_dataset_lookup_actor (dataset, "army-of-islam");
  g_assert_nonnull (army_of_islam);
  g_assert_cmpstr (atlas_actor_get_display_name (army_of_islam), ==, "جيش الإسلام");

  /* searching in English finds the actor; its row reads in Arabic */
  atlas_actor_sidebar_set_search (window->sidebar, "Army of Islam");
  settle (GTK_WIDGET (window));
  collect_label_texts (GTK_WIDGET (window->sidebar), texts);
  g_assert_true (g_ptr_array_find_with_equal_func (texts, "جيش الإسلام", g_str_equal, NULL));
  g_assert_false (g_ptr_array_find_with_equal_func (texts, "Army of Islam", g_str_equal, NULL));

  close_window (window);
}

/* The basemap's labels lead with the Arabic name; the English one follows where the
 * map has room for two lines.  Needs no catalogue: the interface language is enough. */
static void
test_rtl_basemap_labels (void)
{
  const AtlasBasemapData *data = atlas_basemap_render_get_default_data ();
  g_autofree char *z6 = atlas_basemap_render_dup_label (data, "Aleppo", 6);
  g_autofree char *z9 = atlas_basemap_render_dup_label (data, "Aleppo", 9);
  g_autofree char *country = atlas_basemap_render_dup_label (data, "Syria", 6);

  g_assert_cmpstr (z6, ==, "حلب");
  g_assert_cmpstr (z9, ==, "حلب\nAleppo");
  g_assert_cmpstr (country, ==, "سوريا\nSYRIA");
}

int
main (int   argc,
      char *argv[])
{
  /* ar_EG.UTF-8 when the system has it (dates then read in Arabic too); otherwise gettext
   * still honours LANGUAGE=ar under C.UTF-8 */
  if (setlocale (LC_ALL, "") == NULL)
    g_setenv ("LC_ALL", "C.UTF-8", TRUE);

  bindtextdomain (GETTEXT_PACKAGE, TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  have_rtl = gtk_widget_get_default_direction () == GTK_TEXT_DIR_RTL
             && g_strcmp0 (_("_Up to Playhead"), "_Up to Playhead") != 0;

  g_test_add_func ("/rtl/direction", test_rtl_direction);
  g_test_add_func ("/rtl/translated-labels", test_rtl_translated_labels);
  g_test_add_func ("/rtl/actor-names", test_rtl_actor_names);
  g_test_add_func ("/rtl/basemap-labels", test_rtl_basemap_labels);

  return g_test_run ();
}
