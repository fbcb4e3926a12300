/* test-time.c — parsing, arithmetic and formatting of instants
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "atlas-model.h"

#define CIVIL(y, mo, d, h, mi, s) atlas_time_from_civil (y, mo, d, h, mi, s)

static void
assert_parse (const char     *text,
              gint64          instant,
              int             offset,
              AtlasPrecision  precision,
              gboolean        has_time)
{
  g_autoptr(GError) error = NULL;
  AtlasTimeParse parse;

  g_assert_true (atlas_time_parse (text, &parse, &error));
  g_assert_no_error (error);
  g_assert_cmpint (parse.instant, ==, instant);
  g_assert_cmpint (parse.utc_offset, ==, offset);
  g_assert_cmpint (parse.precision, ==, precision);
  g_assert_cmpint (parse.has_time, ==, has_time);
}

static void
assert_parse_fails (const char *text,
                    const char *message)
{
  g_autoptr(GError) error = NULL;
  AtlasTimeParse parse;

  g_assert_false (atlas_time_parse (text, &parse, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_parse_forms (void)
{
  assert_parse ("2016", CIVIL (2016, 1, 1, 0, 0, 0), 0, ATLAS_PRECISION_YEAR, FALSE);
  assert_parse ("2016-12", CIVIL (2016, 12, 1, 0, 0, 0), 0, ATLAS_PRECISION_MONTH, FALSE);
  assert_parse ("2016-12-05", CIVIL (2016, 12, 5, 0, 0, 0), 0, ATLAS_PRECISION_DAY, FALSE);
  assert_parse ("2016-12-05T14:30Z", CIVIL (2016, 12, 5, 14, 30, 0), 0,
                ATLAS_PRECISION_MINUTE, TRUE);
  assert_parse ("2016-12-05T14:30:00+02:00", CIVIL (2016, 12, 5, 12, 30, 0), 7200,
                ATLAS_PRECISION_SECOND, TRUE);
  assert_parse ("2016-12-05T14:30:00+0200", CIVIL (2016, 12, 5, 12, 30, 0), 7200,
                ATLAS_PRECISION_SECOND, TRUE);
  assert_parse ("2016-12-05T01:00:00-05:30", CIVIL (2016, 12, 5, 6, 30, 0), -19800,
                ATLAS_PRECISION_SECOND, TRUE);
  assert_parse ("2016-12-05T14:30:15.25Z", CIVIL (2016, 12, 5, 14, 30, 15.25), 0,
                ATLAS_PRECISION_SECOND, TRUE);
  assert_parse ("2016-12-05T14:30:15.123456789Z",
                CIVIL (2016, 12, 5, 14, 30, 15) + 123456, 0, ATLAS_PRECISION_SECOND, TRUE);
  /* crossing midnight and the year with an offset */
  assert_parse ("2017-01-01T01:00+03:00", CIVIL (2016, 12, 31, 22, 0, 0), 10800,
                ATLAS_PRECISION_MINUTE, TRUE);
}

static void
test_parse_ranges (void)
{
  assert_parse ("0001-01-01", CIVIL (1, 1, 1, 0, 0, 0), 0, ATLAS_PRECISION_DAY, FALSE);
  assert_parse ("9999-12-31T23:59:59Z", CIVIL (9999, 12, 31, 23, 59, 59), 0,
                ATLAS_PRECISION_SECOND, TRUE);
  assert_parse ("1970-01-01", 0, 0, ATLAS_PRECISION_DAY, FALSE);
  assert_parse ("1969-12-31T23:59:59Z", -ATLAS_USEC_PER_SECOND, 0, ATLAS_PRECISION_SECOND, TRUE);
  assert_parse ("2016-12-05T00:00+18:00", CIVIL (2016, 12, 4, 6, 0, 0), 18 * 3600,
                ATLAS_PRECISION_MINUTE, TRUE);
  g_assert_cmpint (CIVIL (2016, 12, 5, 0, 0, 0), ==, G_GINT64_CONSTANT (1480896000) * 1000000);
}

static void
test_parse_leap_years (void)
{
  assert_parse ("2016-02-29", CIVIL (2016, 2, 29, 0, 0, 0), 0, ATLAS_PRECISION_DAY, FALSE);
  assert_parse ("2000-02-29", CIVIL (2000, 2, 29, 0, 0, 0), 0, ATLAS_PRECISION_DAY, FALSE);
  assert_parse_fails ("2015-02-29", "day 29 does not exist in February 2015");
  assert_parse_fails ("1900-02-29", "day 29 does not exist in February 1900");
  assert_parse_fails ("2016-02-30", "day 30 does not exist in February 2016");
  assert_parse_fails ("2016-11-31", "day 31 does not exist in November 2016");
  g_assert_cmpint (CIVIL (2016, 3, 1, 0, 0, 0) - CIVIL (2016, 2, 28, 0, 0, 0), ==,
                   2 * ATLAS_USEC_PER_DAY);
}

static void
test_parse_failures (void)
{
  const char *malformed = "not an ISO 8601 date (expected YYYY, YYYY-MM, YYYY-MM-DD or "
                          "YYYY-MM-DDTHH:MM:SS with a UTC offset)";

  assert_parse_fails ("", "the date is empty");
  assert_parse_fails ("16", malformed);
  assert_parse_fails ("20161", malformed);
  assert_parse_fails ("December 2016", malformed);
  assert_parse_fails ("2016-1-05", malformed);
  assert_parse_fails ("2016-12-5", malformed);
  assert_parse_fails ("0000", "year 0 is out of range (0001 to 9999)");
  assert_parse_fails ("2016-00", "month 0 does not exist");
  assert_parse_fails ("2016-13-01", "month 13 does not exist");
  assert_parse_fails ("2016-12-00", "day 0 does not exist in December 2016");
  assert_parse_fails ("2016-12-05T14:00:00",
                      "a date-time needs a UTC offset (Z or ±HH:MM); without one it is ambiguous");
  assert_parse_fails ("2016-12-05T14:00",
                      "a date-time needs a UTC offset (Z or ±HH:MM); without one it is ambiguous");
  assert_parse_fails ("2016-12-05T24:00Z", "hour 24 does not exist (hours go from 00 to 23)");
  assert_parse_fails ("2016-12-05T12:60Z", "minute 60 does not exist");
  assert_parse_fails ("2016-12-05T12:00:60Z", "second 60 does not exist");
  assert_parse_fails ("2016-12-05T12:00+19:00",
                      "UTC offset +19:00 is out of range (it must be within ±18:00)");
  assert_parse_fails ("2016-12-05T12:00+02:75",
                      "UTC offset +02:75 is out of range (it must be within ±18:00)");
  assert_parse_fails ("2016-12-05T12Z", malformed);
  assert_parse_fails ("2016-12-05T12:00:00.Z", malformed);
  assert_parse_fails ("2016-12-05 12:00Z", "unexpected text \" 12:00Z\" after the date");
  assert_parse_fails ("2016-12-05T12:00Zjunk", "unexpected text \"junk\" after the date");
  assert_parse_fails ("2016-12-05T12:00+02:00 and a very long tail of text",
                      "unexpected text \" and a very long tai…\" after the date");
}

static void
test_civil (void)
{
  int y, mo, d, h, mi, s;

  atlas_time_to_civil (CIVIL (2016, 12, 5, 14, 30, 7), &y, &mo, &d, &h, &mi, &s);
  g_assert_cmpint (y, ==, 2016);
  g_assert_cmpint (mo, ==, 12);
  g_assert_cmpint (d, ==, 5);
  g_assert_cmpint (h, ==, 14);
  g_assert_cmpint (mi, ==, 30);
  g_assert_cmpint (s, ==, 7);

  atlas_time_to_civil (CIVIL (1, 1, 1, 0, 0, 0) + 1, &y, &mo, &d, &h, &mi, &s);
  g_assert_cmpint (y, ==, 1);
  g_assert_cmpint (mo, ==, 1);
  g_assert_cmpint (d, ==, 1);

  atlas_time_to_civil (-1, &y, &mo, &d, &h, &mi, &s);
  g_assert_cmpint (y, ==, 1969);
  g_assert_cmpint (mo, ==, 12);
  g_assert_cmpint (d, ==, 31);
  g_assert_cmpint (h, ==, 23);
  g_assert_cmpint (mi, ==, 59);
  g_assert_cmpint (s, ==, 59);

  g_assert_cmpint (atlas_time_weekday (CIVIL (2016, 12, 5, 12, 0, 0)), ==, 0);  /* Monday */
  g_assert_cmpint (atlas_time_weekday (CIVIL (1970, 1, 1, 0, 0, 0)), ==, 3);    /* Thursday */
  g_assert_cmpint (atlas_time_weekday (CIVIL (1969, 12, 28, 0, 0, 0)), ==, 6);  /* Sunday */
}

static void
test_period_end (void)
{
  gint64 start = CIVIL (2016, 12, 5, 0, 0, 0);

  g_assert_cmpint (atlas_time_period_end (CIVIL (2016, 1, 1, 0, 0, 0), 0, ATLAS_PRECISION_YEAR),
                   ==, CIVIL (2017, 1, 1, 0, 0, 0));
  g_assert_cmpint (atlas_time_period_end (CIVIL (2016, 12, 1, 0, 0, 0), 0, ATLAS_PRECISION_MONTH),
                   ==, CIVIL (2017, 1, 1, 0, 0, 0));
  g_assert_cmpint (atlas_time_period_end (CIVIL (2016, 2, 1, 0, 0, 0), 0, ATLAS_PRECISION_MONTH),
                   ==, CIVIL (2016, 3, 1, 0, 0, 0));
  g_assert_cmpint (atlas_time_period_end (CIVIL (2016, 7, 11, 0, 0, 0), 0, ATLAS_PRECISION_WEEK),
                   ==, CIVIL (2016, 7, 18, 0, 0, 0));
  g_assert_cmpint (atlas_time_period_end (start, 0, ATLAS_PRECISION_DAY), ==,
                   CIVIL (2016, 12, 6, 0, 0, 0));
  g_assert_cmpint (atlas_time_period_end (start, 0, ATLAS_PRECISION_HOUR), ==,
                   CIVIL (2016, 12, 5, 1, 0, 0));
  g_assert_cmpint (atlas_time_period_end (start, 0, ATLAS_PRECISION_MINUTE), ==,
                   CIVIL (2016, 12, 5, 0, 1, 0));
  g_assert_cmpint (atlas_time_period_end (start, 0, ATLAS_PRECISION_SECOND), ==,
                   CIVIL (2016, 12, 5, 0, 0, 1));

  /* a month that starts at local midnight +02:00 ends at the next local midnight */
  g_assert_cmpint (atlas_time_period_end (CIVIL (2016, 11, 30, 22, 0, 0), 7200,
                                          ATLAS_PRECISION_MONTH),
                   ==, CIVIL (2016, 12, 31, 22, 0, 0));
}

static void
test_floor_add (void)
{
  gint64 t = CIVIL (2016, 12, 7, 14, 35, 12);

  g_assert_cmpint (atlas_time_floor (t, 0, ATLAS_PRECISION_YEAR), ==, CIVIL (2016, 1, 1, 0, 0, 0));
  g_assert_cmpint (atlas_time_floor (t, 0, ATLAS_PRECISION_MONTH), ==,
                   CIVIL (2016, 12, 1, 0, 0, 0));
  g_assert_cmpint (atlas_time_floor (t, 0, ATLAS_PRECISION_WEEK), ==,
                   CIVIL (2016, 12, 5, 0, 0, 0));
  g_assert_cmpint (atlas_time_floor (t, 0, ATLAS_PRECISION_DAY), ==, CIVIL (2016, 12, 7, 0, 0, 0));
  g_assert_cmpint (atlas_time_floor (t, 0, ATLAS_PRECISION_HOUR), ==,
                   CIVIL (2016, 12, 7, 14, 0, 0));
  g_assert_cmpint (atlas_time_floor (t, 0, ATLAS_PRECISION_MINUTE), ==,
                   CIVIL (2016, 12, 7, 14, 35, 0));
  /* in +02:00 the local day starts at 22:00 UTC the day before */
  g_assert_cmpint (atlas_time_floor (t, 7200, ATLAS_PRECISION_DAY), ==,
                   CIVIL (2016, 12, 6, 22, 0, 0));
  /* before 1970 */
  g_assert_cmpint (atlas_time_floor (CIVIL (1969, 12, 31, 5, 0, 0), 0, ATLAS_PRECISION_DAY), ==,
                   CIVIL (1969, 12, 31, 0, 0, 0));
  g_assert_cmpint (atlas_time_floor (CIVIL (1969, 12, 31, 5, 0, 0), 0, ATLAS_PRECISION_WEEK), ==,
                   CIVIL (1969, 12, 29, 0, 0, 0));

  g_assert_cmpint (atlas_time_add (CIVIL (2016, 1, 31, 0, 0, 0), 0, ATLAS_PRECISION_MONTH, 1), ==,
                   CIVIL (2016, 2, 29, 0, 0, 0));
  g_assert_cmpint (atlas_time_add (CIVIL (2016, 12, 15, 0, 0, 0), 0, ATLAS_PRECISION_MONTH, 2), ==,
                   CIVIL (2017, 2, 15, 0, 0, 0));
  g_assert_cmpint (atlas_time_add (CIVIL (2016, 1, 15, 0, 0, 0), 0, ATLAS_PRECISION_MONTH, -2), ==,
                   CIVIL (2015, 11, 15, 0, 0, 0));
  g_assert_cmpint (atlas_time_add (CIVIL (2016, 2, 29, 0, 0, 0), 0, ATLAS_PRECISION_YEAR, 1), ==,
                   CIVIL (2017, 2, 28, 0, 0, 0));
  g_assert_cmpint (atlas_time_add (t, 0, ATLAS_PRECISION_WEEK, 2), ==, t + 14 * ATLAS_USEC_PER_DAY);
  g_assert_cmpint (atlas_time_add (t, 0, ATLAS_PRECISION_DAY, -1), ==, t - ATLAS_USEC_PER_DAY);
  g_assert_cmpint (atlas_time_add (t, 0, ATLAS_PRECISION_HOUR, 3), ==,
                   CIVIL (2016, 12, 7, 17, 35, 12));
}

static void
assert_iso (gint64          instant,
            int             offset,
            AtlasPrecision  precision,
            const char     *expected)
{
  g_autofree char *text = atlas_time_format_iso (instant, offset, precision);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_format_iso (void)
{
  gint64 t = CIVIL (2016, 12, 5, 12, 30, 0);

  assert_iso (t, 0, ATLAS_PRECISION_YEAR, "2016");
  assert_iso (t, 0, ATLAS_PRECISION_MONTH, "2016-12");
  assert_iso (t, 0, ATLAS_PRECISION_DAY, "2016-12-05");
  assert_iso (t, 0, ATLAS_PRECISION_SECOND, "2016-12-05T12:30:00Z");
  assert_iso (t, 7200, ATLAS_PRECISION_MINUTE, "2016-12-05T14:30:00+02:00");
  assert_iso (t, -19800, ATLAS_PRECISION_SECOND, "2016-12-05T07:00:00-05:30");
  assert_iso (CIVIL (2016, 12, 5, 23, 0, 0), 7200, ATLAS_PRECISION_DAY, "2016-12-06");
}

static void
assert_human (const char     *text,
              int             precision,
              AtlasBasis      basis,
              const char     *expected)
{
  AtlasTimeParse parse;
  g_autofree char *human = NULL;

  g_assert_true (atlas_time_parse (text, &parse, NULL));
  human = atlas_time_format_human (parse.instant, parse.utc_offset,
                                   precision < 0 ? parse.precision : (AtlasPrecision) precision,
                                   basis);
  g_assert_cmpstr (human, ==, expected);
}

static void
test_format_human (void)
{
  assert_human ("2012", -1, ATLAS_BASIS_STATED, "2012");
  assert_human ("2016-12", -1, ATLAS_BASIS_STATED, "December 2016");
  assert_human ("2016-07-11", ATLAS_PRECISION_WEEK, ATLAS_BASIS_STATED, "week of 11 July 2016");
  assert_human ("2016-12-05", -1, ATLAS_BASIS_STATED, "Monday 5 December 2016");
  assert_human ("2016-12-05", -1, ATLAS_BASIS_RELATIVE, "Monday 5 December 2016");
  assert_human ("2016-12-05T14:30:00+02:00", ATLAS_PRECISION_MINUTE, ATLAS_BASIS_STATED,
                "Monday 5 December 2016, 14:30 (UTC+02:00)");
  assert_human ("2016-12-05T14:00+02:00", ATLAS_PRECISION_HOUR, ATLAS_BASIS_STATED,
                "Monday 5 December 2016, 14:00 (UTC+02:00)");
  assert_human ("2016-12-05T14:30:05Z", -1, ATLAS_BASIS_STATED,
                "Monday 5 December 2016, 14:30:05 (UTC)");
  assert_human ("2016-12-04T23:30-05:00", -1, ATLAS_BASIS_STATED,
                "Sunday 4 December 2016, 23:30 (UTC-05:00)");
  assert_human ("2016-07-11", ATLAS_PRECISION_WEEK, ATLAS_BASIS_APPROXIMATE,
                "mid-July 2016 (approximate)");
  assert_human ("2016-07-01", ATLAS_PRECISION_WEEK, ATLAS_BASIS_APPROXIMATE,
                "early July 2016 (approximate)");
  assert_human ("2016-07-10", ATLAS_PRECISION_WEEK, ATLAS_BASIS_APPROXIMATE,
                "early July 2016 (approximate)");
  assert_human ("2016-07-20", ATLAS_PRECISION_WEEK, ATLAS_BASIS_APPROXIMATE,
                "mid-July 2016 (approximate)");
  assert_human ("2016-07-21", ATLAS_PRECISION_WEEK, ATLAS_BASIS_APPROXIMATE,
                "late July 2016 (approximate)");
  assert_human ("2016-12", -1, ATLAS_BASIS_APPROXIMATE, "December 2016 (approximate)");
  assert_human ("2017-01-20", -1, ATLAS_BASIS_PLANNED, "Friday 20 January 2017 (planned)");
}

static void
test_vocab (void)
{
  AtlasActorKind kind;
  AtlasPrecision precision;
  AtlasParticipantRole role;

  g_assert_true (atlas_actor_kind_from_string ("armed-group", &kind));
  g_assert_cmpint (kind, ==, ATLAS_ACTOR_KIND_ARMED_GROUP);
  g_assert_false (atlas_actor_kind_from_string ("Armed-Group", &kind));
  g_assert_false (atlas_actor_kind_from_string (NULL, &kind));
  g_assert_cmpstr (atlas_actor_kind_to_string (ATLAS_ACTOR_KIND_ORGANISATION), ==, "organisation");
  g_assert_cmpstr (atlas_actor_kind_get_label (ATLAS_ACTOR_KIND_PERSON), ==, "People");
  g_assert_true (atlas_precision_from_string ("week", &precision));
  g_assert_cmpint (precision, ==, ATLAS_PRECISION_WEEK);
  g_assert_true (atlas_participant_role_from_string ("victim", &role));
  g_assert_cmpstr (atlas_participant_role_to_string (role), ==, "victim");
  g_assert_cmpstr (atlas_precision_list_words (), ==,
                   "year, month, week, day, hour, minute, second");
  g_assert_cmpstr (atlas_basis_list_words (), ==,
                   "stated, relative, approximate, planned, reported");
  g_assert_cmpstr (atlas_location_kind_list_words (), ==,
                   "country, city, district, neighbourhood, sea, site, region");
  g_assert_cmpstr (atlas_place_role_to_string (ATLAS_PLACE_ROLE_DESTINATION), ==, "destination");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/time/parse/forms", test_parse_forms);
  g_test_add_func ("/time/parse/ranges", test_parse_ranges);
  g_test_add_func ("/time/parse/leap-years", test_parse_leap_years);
  g_test_add_func ("/time/parse/failures", test_parse_failures);
  g_test_add_func ("/time/civil", test_civil);
  g_test_add_func ("/time/period-end", test_period_end);
  g_test_add_func ("/time/floor-add", test_floor_add);
  g_test_add_func ("/time/format/iso", test_format_iso);
  g_test_add_func ("/time/format/human", test_format_human);
  g_test_add_func ("/time/vocab", test_vocab);

  return g_test_run ();
}
