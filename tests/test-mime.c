/* test-mime.c — the shared-mime-info package recognises datasets by their content
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Builds a private MIME database from the package in the build tree (update-mime-database
 * into a temporary XDG_DATA_HOME) before GIO first looks at content types, then asks
 * g_content_type_guess() what it makes of the bundled dataset and of plain JSON.
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

#define ATLAS_TYPE "application/x-event-atlas+json"

static char *mime_home;
static gboolean have_database;

static char *
guess (const char *name,
       const char *data)
{
  gboolean uncertain = TRUE;

  return g_content_type_guess (name, (const guchar *) data, strlen (data), &uncertain);
}

static void
test_bundled_dataset (void)
{
  g_autofree char *path = g_build_filename (TEST_DATADIR, "aleppo-2016-12-05.json", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *type = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  if (!have_database)
    {
      g_test_skip ("update-mime-database is not available");
      return;
    }

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  /* only the head is sniffed, as a file manager would read it */
  contents[MIN (length, 4096)] = '\0';
  type = guess ("aleppo-2016-12-05.json", contents);
  g_assert_cmpstr (type, ==, ATLAS_TYPE);
}

static void
test_compact_json (void)
{
  g_autofree char *type = NULL;

  if (!have_database)
    {
      g_test_skip ("update-mime-database is not available");
      return;
    }

  type = guess ("export.json", "{\"format\":\"event-atlas\",\"version\":1,\"events\":[]}");
  g_assert_cmpstr (type, ==, ATLAS_TYPE);
}

/* a saved view is told from a dataset by content, whatever its name */
static void
test_view_file (void)
{
  g_autofree char *by_content = NULL;
  g_autofree char *by_name = NULL;

  if (!have_database)
    {
      g_test_skip ("update-mime-database is not available");
      return;
    }

  by_content = guess ("view.json", "{ \"format\": \"event-atlas-view\", \"version\": 1 }");
  g_assert_cmpstr (by_content, ==, "application/x-event-atlas-view");
  by_name = guess ("aleppo.atlasview", "{}");
  g_assert_cmpstr (by_name, ==, "application/x-event-atlas-view");
}

static void
test_plain_json (void)
{
  g_autofree char *type = NULL;
  g_autofree char *late = NULL;
  g_autofree char *padding = NULL;

  if (!have_database)
    {
      g_test_skip ("update-mime-database is not available");
      return;
    }

  type = guess ("data.json", "{\"type\": \"FeatureCollection\", \"features\": []}");
  g_assert_cmpstr (type, ==, "application/json");

  /* the marker must come within the first 4 KB */
  padding = g_strnfill (5000, ' ');
  late = g_strdup_printf ("{%s\"format\": \"event-atlas\"}", padding);
  g_clear_pointer (&type, g_free);
  type = guess ("late.json", late);
  g_assert_cmpstr (type, ==, "application/json");
}

static void
test_is_json (void)
{
  g_autofree char *description = NULL;

  if (!have_database)
    {
      g_test_skip ("update-mime-database is not available");
      return;
    }

  g_assert_true (g_content_type_is_a (ATLAS_TYPE, "application/json"));
  description = g_content_type_get_description (ATLAS_TYPE);
  g_assert_cmpstr (description, ==, "Event Atlas dataset");
}

static gboolean
build_database (void)
{
  g_autofree char *packages = NULL;
  g_autofree char *mime_dir = NULL;
  g_autofree char *target = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *program = g_find_program_in_path ("update-mime-database");
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (program == NULL)
    return FALSE;

  mime_home = g_dir_make_tmp ("event-atlas-mime-XXXXXX", &error);
  g_assert_no_error (error);
  mime_dir = g_build_filename (mime_home, "mime", NULL);
  packages = g_build_filename (mime_dir, "packages", NULL);
  g_assert_cmpint (g_mkdir_with_parents (packages, 0700), ==, 0);

  g_file_get_contents (MIME_XML, &contents, NULL, &error);
  g_assert_no_error (error);
  target = g_build_filename (packages, "io.github.eventatlas.EventAtlas.xml", NULL);
  g_file_set_contents (target, contents, -1, &error);
  g_assert_no_error (error);

  g_spawn_sync (NULL, (char *[]) { program, mime_dir, NULL }, NULL,
                G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  /* read before GIO initialises its MIME data: our package first, then the system's */
  g_setenv ("XDG_DATA_HOME", mime_home, TRUE);

  return TRUE;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR))
          remove_tree (child);
        else
          g_unlink (child);
      }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* English descriptions whatever the environment says */
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  have_database = build_database ();

  g_test_add_func ("/mime/guess/bundled-dataset", test_bundled_dataset);
  g_test_add_func ("/mime/guess/compact-json", test_compact_json);
  g_test_add_func ("/mime/guess/plain-json", test_plain_json);
  g_test_add_func ("/mime/guess/view-file", test_view_file);
  g_test_add_func ("/mime/type/is-json", test_is_json);

  status = g_test_run ();

  if (mime_home != NULL)
    remove_tree (mime_home);
  g_free (mime_home);

  return status;
}
