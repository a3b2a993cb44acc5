//! A CronJob's schedule in Korean words, for the Korean README: croner's
//! describer (the one the English README uses) with Korean phrases. The
//! parts keep croner's order, so "0 9 * * 1" reads "09:00에, 월요일에".

use croner::describe::Language;

/// "PHRASE에", but a repetition ("15분마다", "매분") takes no 에.
fn at(phrase: &str) -> String {
    match phrase.ends_with("마다") || phrase.starts_with('매') {
        true => phrase.to_string(),
        false => format!("{phrase}에"),
    }
}

/// Korean for croner's schedule descriptions.
#[derive(Debug, Clone, Copy, Default)]
pub struct Korean;

impl Language for Korean {
    fn every_minute(&self) -> &'static str {
        "매분"
    }
    fn every_second_phrase(&self) -> &'static str {
        "매초"
    }
    fn every_x_minutes(&self, s: u16) -> String {
        format!("{s}분마다")
    }
    fn every_x_seconds(&self, s: u16) -> String {
        format!("{s}초마다")
    }
    fn every_x_hours(&self, s: u16) -> String {
        format!("{s}시간마다")
    }
    fn every_minute_of_every_x_hours(&self, s: u16) -> String {
        format!("{s}시간마다 매분")
    }
    fn at_time(&self, time: &str) -> String {
        format!("{time}에")
    }
    fn at_time_and_every_x_seconds(&self, time: &str, step: u16) -> String {
        format!("{time}에, {step}초마다")
    }
    fn at_time_at_second(&self, time: &str, second: &str) -> String {
        format!("{time} {second}초에")
    }
    fn at_phrase(&self, phrase: &str) -> String {
        at(phrase)
    }
    fn on_phrase(&self, phrase: &str) -> String {
        at(phrase)
    }
    fn in_phrase(&self, phrase: &str) -> String {
        at(phrase)
    }
    fn second_phrase(&self, s: &str) -> String {
        format!("{s}초")
    }
    fn minute_phrase(&self, s: &str) -> String {
        format!("{s}분")
    }
    fn minute_past_every_hour_phrase(&self, s: &str) -> String {
        format!("매시 {s}")
    }
    fn hour_phrase(&self, s: &str) -> String {
        format!("{s}시")
    }
    fn year_phrase(&self, s: &str) -> String {
        format!("{s}년")
    }
    fn day_phrase(&self, s: &str) -> String {
        format!("{s}일")
    }
    fn the_last_day_of_the_month(&self) -> &'static str {
        "그 달의 마지막 날"
    }
    fn the_weekday_nearest_day(&self, day: &str) -> String {
        format!("{day}일에 가장 가까운 평일")
    }
    fn the_last_weekday_of_the_month(&self, day: &str) -> String {
        format!("그 달의 마지막 {day}")
    }
    fn the_nth_weekday_of_the_month(&self, n: u8, day: &str) -> String {
        format!("그 달의 {n}번째 {day}")
    }
    fn dom_and_dow_if_also(&self, dow: &str) -> String {
        format!("(그날이 {dow}이기도 할 때)")
    }
    fn dom_and_dow_if_also_one_of(&self, dow: &str) -> String {
        format!("(그날이 {dow} 중 하나이기도 할 때)")
    }
    fn list_conjunction_and(&self) -> &'static str {
        "및"
    }
    fn list_conjunction_or(&self) -> &'static str {
        "또는"
    }
    fn list_conjunction_and_comma(&self) -> &'static str {
        " 및"
    }
    fn day_of_week_names(&self) -> [&'static str; 7] {
        [
            "일요일",
            "월요일",
            "화요일",
            "수요일",
            "목요일",
            "금요일",
            "토요일",
        ]
    }
    fn month_names(&self) -> [&'static str; 12] {
        [
            "1월", "2월", "3월", "4월", "5월", "6월", "7월", "8월", "9월", "10월", "11월", "12월",
        ]
    }
    fn every_past_phrase(&self, every: &str, hours: &str) -> String {
        format!("{hours} 동안 {every}")
    }
    fn past_hour_phrase(&self, s: &str) -> String {
        format!("{s}시")
    }
    fn every_x_months(&self, step: u16) -> String {
        format!("{step}개월마다")
    }
    fn every_x_years(&self, step: u16) -> String {
        format!("{step}년마다")
    }
}

#[cfg(test)]
mod tests {
    fn ko(schedule: &str) -> String {
        crate::render::describe_schedule(schedule, "ko")
    }

    #[test]
    fn schedules_read_in_korean() {
        assert_eq!(ko("30 9 * * 1"), "09:30에, 월요일에");
        assert_eq!(ko("0 2 * * *"), "02:00에");
        assert_eq!(ko("*/15 * * * *"), "15분마다");
        assert_eq!(ko("0 3 1 * *"), "03:00에, 1일에");
        assert_eq!(ko("0 0 1 1 *"), "00:00에, 1일에, 1월에");
        assert_eq!(
            crate::render::describe_schedule("30 9 * * 1", "en"),
            "At 09:30, on Monday"
        );
    }
}
