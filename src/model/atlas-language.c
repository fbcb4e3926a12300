/* atlas-language.c — the language the user interface speaks, for picking dataset names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "atlas-language"

#include "config.h"

#include <string.h>

#include "atlas-language.h"

const char *
atlas_language_from_locale (const char *locale)
{
  g_autofree char *code = NULL;

  if (locale == NULL || *locale == '\0' || g_str_equal (locale, "POSIX"))
    return g_intern_static_string ("C");

  code = g_strndup (locale, strcspn (locale, "_.@"));
  if (*code == '\0')
    return g_intern_static_string ("C");

  return g_intern_string (code);
}

const char *
atlas_ui_language (void)
{
  return atlas_language_from_locale (g_get_language_names ()[0]);
}
