/* test-actor-sidebar.c — the actor sidebar driven as a user would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "atlas-actor-row.h"
#include "atlas-actor-sidebar.h"
#include "atlas-model.h"

typedef struct {
  AtlasDataset      *dataset;
  AtlasContext      *context;
  GtkWindow         *window;
  AtlasActorSidebar *sidebar;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_for_path (TEST_DATADIR "/aleppo-2016-12-05.json");
  g_autoptr(GError) error = NULL;

  fixture->dataset = atlas_dataset_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->dataset);

  fixture->context = atlas_context_new ();
  atlas_context_set_dataset (fixture->context, fixture->dataset);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 320, 900);
  fixture->sidebar = ATLAS_ACTOR_SIDEBAR (atlas_actor_sidebar_new ());
  atlas_actor_sidebar_set_context (fixture->sidebar, fixture->context);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->sidebar));
  gtk_window_present (fixture->window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->sidebar));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  g_assert_finalize_object (fixture->context);
  g_assert_finalize_object (fixture->dataset);
}

/* An actor found the way a user would name it: by name or alias */
static AtlasActor *
find_actor (AtlasDataset *dataset,
            const char   *name)
{
  GListModel *actors = atlas_dataset_get_actors (dataset);

  for (guint i = 0; i < g_list_model_get_n_items (actors); i++)
    {
      AtlasActor *actor = atlas_dataset_get_actor (dataset, i);
      const char * const *aliases = atlas_actor_get_aliases (actor);

      if (g_ascii_strcasecmp (atlas_actor_get_name (actor), name) == 0)
        return actor;
      for (guint j = 0; aliases[j] != NULL; j++)
        if (g_ascii_strcasecmp (aliases[j], name) == 0)
          return actor;
    }

  g_assert_not_reached ();
  return NULL;
}

static void
test_sidebar_lists_all_actors (Fixture       *fixture,
                               gconstpointer  data)
{
  guint n_actors = g_list_model_get_n_items (atlas_dataset_get_actors (fixture->dataset));

  /* every actor once, plus one heading per kind of top-level actor */
  g_assert_cmpuint (atlas_actor_sidebar_get_n_actor_rows (fixture->sidebar), ==, n_actors);
  g_assert_cmpuint (atlas_actor_sidebar_get_n_rows (fixture->sidebar), >, n_actors);
}

static void
test_sidebar_search (Fixture       *fixture,
                     gconstpointer  data)
{
  guint n_all = atlas_actor_sidebar_get_n_rows (fixture->sidebar);
  AtlasActor *lavrov = find_actor (fixture->dataset, "Sergei Lavrov");
  const char *russian = atlas_actor_get_name_for (lavrov, "ru");

  atlas_actor_sidebar_set_search (fixture->sidebar, "lavrov");
  g_assert_cmpuint (atlas_actor_sidebar_get_n_rows (fixture->sidebar), ==, 1);

  /* case- and accent-insensitive, aliases */
  atlas_actor_sidebar_set_search (fixture->sidebar, "JAYSH AL-ÍSLAM");
  g_assert_cmpuint (atlas_actor_sidebar_get_n_rows (fixture->sidebar), ==, 1);

  /* names in other languages */
  g_assert_cmpstr (russian, !=, atlas_actor_get_name (lavrov));
  atlas_actor_sidebar_set_search (fixture->sidebar, russian);
  g_assert_cmpuint (atlas_actor_sidebar_get_n_rows (fixture->sidebar), ==, 1);

  atlas_actor_sidebar_set_search (fixture->sidebar, "no such actor anywhere");
  g_assert_cmpuint (atlas_actor_sidebar_get_n_rows (fixture->sidebar), ==, 0);

  atlas_actor_sidebar_set_search (fixture->sidebar, "");
  g_assert_cmpuint (atlas_actor_sidebar_get_n_rows (fixture->sidebar), ==, n_all);
}

static guint
count_events_with (AtlasDataset *dataset,
                   AtlasActor   *actor,
                   gboolean      include_members)
{
  guint n = 0;

  for (guint i = 0; i < atlas_dataset_get_n_events (dataset); i++)
    {
      AtlasEvent *event = atlas_dataset_get_event (dataset, i);
      gboolean match = FALSE;

      for (guint j = 0; j < atlas_event_get_n_participants (event) && !match; j++)
        {
          AtlasActor *participant = atlas_event_get_participant (event, j, NULL);

          match = participant == actor ||
                  (include_members && atlas_actor_is_member_of (participant, actor));
        }
      n += match;
    }

  return n;
}

static void
test_sidebar_toggle_actor (Fixture       *fixture,
                           gconstpointer  data)
{
  AtlasFilter *filter = atlas_context_get_filter (fixture->context);
  AtlasActor *army_of_islam = find_actor (fixture->dataset, "Jaysh al-Islam");
  guint n_all = atlas_context_get_n_visible (fixture->context);
  guint expected;

  atlas_actor_sidebar_toggle_actor (fixture->sidebar, army_of_islam);
  g_assert_true (atlas_filter_get_actor_active (filter, army_of_islam));
  g_assert_cmpuint (atlas_filter_get_n_actors (filter), ==, 1);

  expected = count_events_with (fixture->dataset, army_of_islam,
                                atlas_filter_get_include_members (filter));
  g_assert_cmpuint (expected, >, 0);
  g_assert_cmpuint (expected, <, n_all);
  g_assert_cmpuint (atlas_context_get_n_visible (fixture->context), ==, expected);

  /* exactly its own events without members */
  atlas_filter_set_include_members (filter, FALSE);
  g_assert_cmpuint (atlas_context_get_n_visible (fixture->context), ==,
                    count_events_with (fixture->dataset, army_of_islam, FALSE));

  /* a second click unchecks it */
  atlas_actor_sidebar_toggle_actor (fixture->sidebar, army_of_islam);
  g_assert_false (atlas_filter_get_actor_active (filter, army_of_islam));
  g_assert_cmpuint (atlas_context_get_n_visible (fixture->context), ==, n_all);
}

static void
test_sidebar_only_actor (Fixture       *fixture,
                         gconstpointer  data)
{
  AtlasFilter *filter = atlas_context_get_filter (fixture->context);
  AtlasActor *russia = find_actor (fixture->dataset, "Russia");
  AtlasActor *kerry = find_actor (fixture->dataset, "John Kerry");

  atlas_actor_sidebar_toggle_actor (fixture->sidebar, russia);
  atlas_actor_sidebar_show_only_actor (fixture->sidebar, kerry);
  g_assert_cmpuint (atlas_filter_get_n_actors (filter), ==, 1);
  g_assert_true (atlas_filter_get_actor_active (filter, kerry));
  g_assert_false (atlas_filter_get_actor_active (filter, russia));
}

static void
test_sidebar_highlight (Fixture       *fixture,
                        gconstpointer  data)
{
  AtlasSelection *selection = atlas_context_get_selection (fixture->context);
  AtlasEvent *nurse = atlas_dataset_lookup_event (fixture->dataset, "nurse-killed-furqan");
  AtlasActor *egypt = find_actor (fixture->dataset, "Egypt");

  g_assert_nonnull (nurse);
  g_assert_false (atlas_actor_sidebar_actor_is_highlighted (fixture->sidebar, egypt));

  atlas_selection_select_event (selection, nurse);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->sidebar));

  for (guint i = 0; i < atlas_event_get_n_participants (nurse); i++)
    g_assert_true (atlas_actor_sidebar_actor_is_highlighted (fixture->sidebar,
                                                             atlas_event_get_participant (nurse, i, NULL)));
  g_assert_false (atlas_actor_sidebar_actor_is_highlighted (fixture->sidebar, egypt));

  atlas_selection_clear (selection);
  g_assert_false (atlas_actor_sidebar_actor_is_highlighted (fixture->sidebar,
                                                            atlas_event_get_participant (nurse, 0, NULL)));
}

static GtkWidget *
find_widget (GtkWidget  *widget,
             GType       type,
             const char *css_class)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type)
      && (css_class == NULL || gtk_widget_has_css_class (widget, css_class)))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, css_class);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Reloading makes new rows for the new actors: the old rows, and through them the old
 * dataset's actors, are let go (GTK 4.8 unsets a list item's child before ::teardown,
 * and the sidebar used to keep every row it had ever made) */
static void
test_sidebar_reload_frees_rows (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_for_path (TEST_DATADIR "/aleppo-2016-12-05.json");
  g_autoptr(GError) error = NULL;
  GtkWidget *row = find_widget (GTK_WIDGET (fixture->sidebar), ATLAS_TYPE_ACTOR_ROW, NULL);
  AtlasDataset *reloaded;
  guint n_actors = g_list_model_get_n_items (atlas_dataset_get_actors (fixture->dataset));

  g_assert_nonnull (row);
  g_object_add_weak_pointer (G_OBJECT (row), (gpointer *) &row);

  reloaded = atlas_dataset_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  atlas_context_set_dataset (fixture->context, reloaded);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->sidebar));

  g_assert_null (row);
  g_assert_cmpuint (atlas_actor_sidebar_get_n_actor_rows (fixture->sidebar), ==, n_actors);
  g_assert_finalize_object (fixture->dataset);
  fixture->dataset = reloaded;
}

/* "Name:count Name:count …" of the connections list in the open menu */
static char *
describe_connections (GtkListBox *list)
{
  g_autoptr(GString) text = g_string_new (NULL);
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    {
      GtkWidget *box = gtk_list_box_row_get_child (row);
      GtkWidget *name = gtk_widget_get_first_child (box);
      GtkWidget *count = gtk_widget_get_next_sibling (name);

      g_string_append_printf (text, "%s%s:%s", i > 0 ? " " : "",
                              gtk_label_get_text (GTK_LABEL (name)),
                              gtk_label_get_text (GTK_LABEL (count)));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_connections (Fixture       *fixture,
                  gconstpointer  data)
{
  AtlasActor *kerry = find_actor (fixture->dataset, "John Kerry");
  AtlasFilter *filter = atlas_context_get_filter (fixture->context);
  GtkPopover *popover;
  GtkListBox *list;
  g_autofree char *described = NULL;

  popover = atlas_actor_sidebar_open_actor_menu (fixture->sidebar, kerry);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->sidebar));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));

  list = GTK_LIST_BOX (find_widget (GTK_WIDGET (popover), GTK_TYPE_LIST_BOX, "connections-list"));
  g_assert_nonnull (list);
  described = describe_connections (list);
  /* Kerry shares the Rome proposals with Lavrov (and the United States) */
  g_assert_cmpstr (described, ==, "Sergei Lavrov:1 United States:1");

  /* a click on Lavrov shows Lavrov's events only */
  g_signal_emit_by_name (list, "row-activated", gtk_list_box_get_row_at_index (list, 0));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_cmpuint (atlas_filter_get_n_actors (filter), ==, 1);
  g_assert_true (atlas_filter_get_actor_active (filter, find_actor (fixture->dataset, "Lavrov")));
  g_assert_cmpuint (atlas_context_get_n_visible (fixture->context), ==, 5);
}

static void
test_claims (Fixture       *fixture,
             gconstpointer  data)
{
  AtlasActor *ministry = find_actor (fixture->dataset, "Russian Defence Ministry");
  AtlasFilter *filter = atlas_context_get_filter (fixture->context);
  GtkPopover *popover;
  GtkWidget *claims, *chip, *chip_label, *clear;

  popover = atlas_actor_sidebar_open_actor_menu (fixture->sidebar, ministry);
  claims = find_widget (GTK_WIDGET (popover), GTK_TYPE_BUTTON, NULL);
  g_assert_nonnull (claims);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (claims)), ==, "Only _Claims by This Actor");
  g_signal_emit_by_name (claims, "clicked");

  /* what the ministry said: the Su-33 crash and that operations go on */
  g_assert_true (atlas_filter_get_claimant (filter) == ministry);
  g_assert_cmpuint (atlas_context_get_n_visible (fixture->context), ==, 2);
  g_assert_true (atlas_context_is_visible (fixture->context,
                                           atlas_dataset_lookup_event (fixture->dataset,
                                                                       "su-33-crash")));

  /* the chip above the list says so and takes it away */
  chip = find_widget (GTK_WIDGET (fixture->sidebar), GTK_TYPE_BOX, "claimant-chip");
  g_assert_nonnull (chip);
  g_assert_true (gtk_widget_get_visible (chip));
  chip_label = find_widget (chip, GTK_TYPE_LABEL, NULL);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (chip_label)), ==,
                   "Claimed by Russian Defence Ministry");

  /* the menu now offers to undo it */
  popover = atlas_actor_sidebar_open_actor_menu (fixture->sidebar, ministry);
  claims = find_widget (GTK_WIDGET (popover), GTK_TYPE_BUTTON, NULL);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (claims)), ==, "Show _Every Claim");
  gtk_popover_popdown (popover);

  clear = find_widget (chip, GTK_TYPE_BUTTON, NULL);
  g_signal_emit_by_name (clear, "clicked");
  g_assert_null (atlas_filter_get_claimant (filter));
  g_assert_false (gtk_widget_get_visible (chip));
  g_assert_cmpuint (atlas_context_get_n_visible (fixture->context), ==,
                    atlas_dataset_get_n_events (fixture->dataset));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/actor-sidebar/lists-all-actors", Fixture, NULL,
              fixture_setup, test_sidebar_lists_all_actors, fixture_teardown);
  g_test_add ("/actor-sidebar/search", Fixture, NULL,
              fixture_setup, test_sidebar_search, fixture_teardown);
  g_test_add ("/actor-sidebar/toggle-actor", Fixture, NULL,
              fixture_setup, test_sidebar_toggle_actor, fixture_teardown);
  g_test_add ("/actor-sidebar/only-actor", Fixture, NULL,
              fixture_setup, test_sidebar_only_actor, fixture_teardown);
  g_test_add ("/actor-sidebar/connections", Fixture, NULL,
              fixture_setup, test_connections, fixture_teardown);
  g_test_add ("/actor-sidebar/claims", Fixture, NULL,
              fixture_setup, test_claims, fixture_teardown);
  g_test_add ("/actor-sidebar/highlight", Fixture, NULL,
              fixture_setup, test_sidebar_highlight, fixture_teardown);
  g_test_add ("/actor-sidebar/reload-frees-rows", Fixture, NULL,
              fixture_setup, test_sidebar_reload_frees_rows, fixture_teardown);

  return g_test_run ();
}
