/* test-i18n.c — dates and dataset names follow the language of the user interface
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each language runs in a subprocess that sets $LANGUAGE before its first gettext call,
 * with the catalogues compiled in the build tree.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "atlas-model.h"

static AtlasDataset *
load_bundled (void)
{
  g_autofree char *path = g_build_filename (TEST_DATADIR, "aleppo-2016-12-05.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  AtlasDataset *dataset;

  dataset = atlas_dataset_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  return dataset;
}

static char *
format_day (int    y,
            int    m,
            int    d,
            AtlasPrecision precision,
            AtlasBasis     basis)
{
  return atlas_time_format_human (atlas_time_from_civil (y, m, d, 0, 0, 0), 0, precision, basis);
}

static void
assert_dates (const char *day,
              const char *month,
              const char *mid_july,
              const char *week)
{
  g_autofree char *text_day = format_day (2016, 12, 5, ATLAS_PRECISION_DAY, ATLAS_BASIS_STATED);
  g_autofree char *text_month = format_day (2016, 12, 1, ATLAS_PRECISION_MONTH,
                                            ATLAS_BASIS_STATED);
  g_autofree char *text_mid = format_day (2016, 7, 15, ATLAS_PRECISION_WEEK,
                                          ATLAS_BASIS_APPROXIMATE);
  g_autofree char *text_week = format_day (2016, 7, 11, ATLAS_PRECISION_WEEK,
                                           ATLAS_BASIS_STATED);

  g_assert_cmpstr (text_day, ==, day);
  g_assert_cmpstr (text_month, ==, month);
  g_assert_cmpstr (text_mid, ==, mid_july);
  g_assert_cmpstr (text_week, ==, week);
}

static void
assert_names (const char *syria,
              const char *army_of_islam)
{
  g_autoptr(AtlasDataset) dataset = load_bundled ();

  g_assert_cmpstr (atlas_location_get_display_name (atlas_dataset_lookup_location (dataset,
                                                                                   "syria")),
                   ==, syria);
  g_assert_cmpstr (atlas_actor_get_display_name (atlas_dataset_lookup_actor (dataset,
                                                                             "army-of-islam")),
                   ==, army_of_islam);
}

static void
test_language_from_locale (void)
{
  g_assert_cmpstr (atlas_language_from_locale ("ar_EG.UTF-8"), ==, "ar");
  g_assert_cmpstr (atlas_language_from_locale ("ru_RU.UTF-8@latin"), ==, "ru");
  g_assert_cmpstr (atlas_language_from_locale ("fil_PH"), ==, "fil");
  g_assert_cmpstr (atlas_language_from_locale ("sr@latin"), ==, "sr");
  g_assert_cmpstr (atlas_language_from_locale ("en"), ==, "en");
  g_assert_cmpstr (atlas_language_from_locale ("C"), ==, "C");
  g_assert_cmpstr (atlas_language_from_locale ("POSIX"), ==, "C");
  g_assert_cmpstr (atlas_language_from_locale (""), ==, "C");
  g_assert_cmpstr (atlas_language_from_locale (NULL), ==, "C");
  /* interned: comparable by pointer */
  g_assert_true (atlas_language_from_locale ("ar_SY") == atlas_language_from_locale ("ar"));
}

static void
subprocess_en (void)
{
  g_setenv ("LANGUAGE", "en", TRUE);
  g_assert_cmpstr (atlas_ui_language (), ==, "en");
  assert_dates ("Monday 5 December 2016", "December 2016", "mid-July 2016 (approximate)",
                "week of 11 July 2016");
  assert_names ("Syria", "Army of Islam");
}

/* Russian declines the month after a day ("5 декабря") but not alone ("декабрь 2016") */
static void
subprocess_ru (void)
{
  g_setenv ("LANGUAGE", "ru", TRUE);
  g_assert_cmpstr (atlas_ui_language (), ==, "ru");
  assert_dates ("понедельник, 5 декабря 2016", "декабрь 2016",
                "середина июля 2016 (приблизительно)", "неделя с 11 июля 2016");
  /* no Russian name for the Army of Islam in the dataset: the default name */
  assert_names ("Сирия", "Army of Islam");
}

static void
subprocess_ar (void)
{
  g_setenv ("LANGUAGE", "ar", TRUE);
  g_assert_cmpstr (atlas_ui_language (), ==, "ar");
  /* Western digits, as GLib's own formatting gives them */
  assert_dates ("الاثنين 5 ديسمبر 2016", "ديسمبر 2016", "منتصف يوليو 2016 (تقريبي)",
                "أسبوع 11 يوليو 2016");
  assert_names ("سوريا", "جيش الإسلام");
}

/* each language in a fresh process: $LANGUAGE is set before the first gettext call */
static void
run_in_subprocess (gconstpointer data)
{
  const char *language = data;
  g_autofree char *catalogue = g_build_filename (TEST_LOCALEDIR, language, "LC_MESSAGES",
                                                 GETTEXT_PACKAGE ".mo", NULL);

  if (g_test_subprocess ())
    {
      if (g_str_equal (language, "ru"))
        subprocess_ru ();
      else if (g_str_equal (language, "ar"))
        subprocess_ar ();
      else
        subprocess_en ();
      return;
    }

  if (!g_str_equal (language, "en") && !g_file_test (catalogue, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the catalogue is not built");
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  /* gettext ignores $LANGUAGE in the "C" locale: C.UTF-8 from the test environment */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/i18n/ui-language/from-locale", test_language_from_locale);
  g_test_add_data_func ("/i18n/dates-and-names/en", "en", run_in_subprocess);
  g_test_add_data_func ("/i18n/dates-and-names/ru", "ru", run_in_subprocess);
  g_test_add_data_func ("/i18n/dates-and-names/ar", "ar", run_in_subprocess);

  return g_test_run ();
}
