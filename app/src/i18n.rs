//! Interface strings in English and Vietnamese.

use lab_core::Lang;

/// A piece of interface text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum Text {
    SkipToContent,
    Modules,
    CatalogIntro,
    Continue,
    StartHere,
    Minutes,
    StepsDone,
    Steps,
    Objectives,
    Prerequisites,
    StartModule,
    MarkComplete,
    Completed,
    Undo,
    Previous,
    Next,
    Home,
    Contents,
    NotFoundTitle,
    NotFoundBody,
    BackHome,
    Unavailable,
    FallbackNotice,
    SwitchTo,
    Loading,
    ErrorTitle,
    KeyboardHint,
    Of,
    QuizTitle,
    UnlimitedTries,
    TriesPerQuestion,
    BestScore,
    LatestScore,
    SubmitAll,
    TriesLeft,
    Question,
    Hint,
    CheckAnswer,
    ShowHint,
    Correct,
    NotQuite,
    Answer,
    YourAnswers,
    True,
    False,
    QuizScore,
    ExYourFile,
    ExCheck,
    ExSaveDraft,
    ExReset,
    ExResetConfirm,
    ExShowSolution,
    ExSolution,
    ExSolutionAfter,
    ExPoints,
    ExChecks,
    ExAttempts,
    ExBest,
    ExPassed,
    ExFailed,
    ExUnreadable,
    ExLine,
    ExColumn,
    ExResults,
    ExSaved,
    ExSaving,
    ExOffline,
    ExStale,
    ExTabHint,
    ExData,
    ExAttempt,
    ExNotCounted,
}

/// A text written in place, in the learner's language (for the longer texts of the
/// tools, which read better beside their markup than in [`Text`]).
pub fn tr(lang: Lang, en: &'static str, vi: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Vi => vi,
    }
}

/// The text in a language.
pub fn t(lang: Lang, text: Text) -> &'static str {
    use Text::*;
    match lang {
        Lang::En => match text {
            SkipToContent => "Skip to content",
            Modules => "Modules",
            CatalogIntro => {
                "A hands-on lab of the DevOps on AWS workshop: culture and DORA metrics, CI/CD, infrastructure as code, containers and observability. Read, check your understanding, then practise."
            }
            Continue => "Continue where you left off",
            StartHere => "Start with the first module",
            Minutes => "min",
            StepsDone => "steps done",
            Steps => "Steps",
            Objectives => "You will learn to",
            Prerequisites => "Before you start",
            StartModule => "Start the module",
            MarkComplete => "Mark as complete",
            Completed => "Completed",
            Undo => "Mark as not done",
            Previous => "Previous",
            Next => "Next",
            Home => "Home",
            Contents => "Contents",
            NotFoundTitle => "Page not found",
            NotFoundBody => "There is no module or step at this address. It may have been renamed.",
            BackHome => "Back to all modules",
            Unavailable => {
                "This page is unavailable right now. The instructors have been told; the rest of the lab works."
            }
            FallbackNotice => "This page is not translated yet, so it is shown in Vietnamese.",
            SwitchTo => "Tiếng Việt",
            Loading => "Loading…",
            ErrorTitle => "Something went wrong",
            KeyboardHint => "Tip: the ← and → keys move between steps.",
            Of => "of",
            QuizTitle => "Check your understanding",
            UnlimitedTries => "Unlimited tries",
            TriesPerQuestion => "tries per question",
            BestScore => "Best",
            LatestScore => "Latest",
            SubmitAll => "Submit all answers",
            TriesLeft => "tries left",
            Question => "Question",
            Hint => "Hint",
            CheckAnswer => "Check answer",
            ShowHint => "Show a hint",
            Correct => "Correct",
            NotQuite => "Not quite",
            Answer => "Answer",
            YourAnswers => "Your answers",
            True => "True",
            False => "False",
            QuizScore => "Quiz",
            ExYourFile => "Your file",
            ExCheck => "Check my file",
            ExSaveDraft => "Save draft",
            ExReset => "Reset to starter",
            ExResetConfirm => "Replace your file with the starter? Your submissions are kept.",
            ExShowSolution => "Show the solution",
            ExSolution => "Reference solution",
            ExSolutionAfter => "The solution can be shown after this many more failed checks:",
            ExPoints => "points",
            ExChecks => "checks",
            ExAttempts => "submissions",
            ExBest => "best",
            ExPassed => "All checks pass.",
            ExFailed => "Some checks fail.",
            ExUnreadable => "The file could not be checked:",
            ExLine => "line",
            ExColumn => "column",
            ExResults => "Results",
            ExSaved => "Draft saved",
            ExSaving => "Saving…",
            ExOffline => {
                "Not saved yet: the lab did not answer. Your text stays here and is saved when the connection is back."
            }
            ExStale => {
                "This exercise was changed in another tab. Reload the page to continue from the latest version."
            }
            ExTabHint => "Tab inserts two spaces; press Esc, then Tab, to leave the editor.",
            ExData => "The data",
            ExAttempt => "Submission",
            ExNotCounted => "not counted",
        },
        Lang::Vi => match text {
            SkipToContent => "Chuyển đến nội dung",
            Modules => "Các module",
            CatalogIntro => {
                "Lab thực hành của workshop DevOps trên AWS: văn hóa và chỉ số DORA, CI/CD, infrastructure as code, container và observability. Đọc, tự kiểm tra, rồi thực hành."
            }
            Continue => "Tiếp tục từ chỗ bạn dừng lại",
            StartHere => "Bắt đầu với module đầu tiên",
            Minutes => "phút",
            StepsDone => "bước đã xong",
            Steps => "Các bước",
            Objectives => "Bạn sẽ học được",
            Prerequisites => "Trước khi bắt đầu",
            StartModule => "Bắt đầu module",
            MarkComplete => "Đánh dấu hoàn thành",
            Completed => "Đã hoàn thành",
            Undo => "Bỏ đánh dấu",
            Previous => "Trước",
            Next => "Tiếp",
            Home => "Trang chủ",
            Contents => "Mục lục",
            NotFoundTitle => "Không tìm thấy trang",
            NotFoundBody => {
                "Không có module hay bước nào ở địa chỉ này. Có thể nó đã được đổi tên."
            }
            BackHome => "Quay lại danh sách module",
            Unavailable => {
                "Trang này tạm thời không xem được. Người hướng dẫn đã được báo; phần còn lại của lab vẫn hoạt động."
            }
            FallbackNotice => "Trang này chưa được dịch nên đang hiển thị bằng tiếng Anh.",
            SwitchTo => "English",
            Loading => "Đang tải…",
            ErrorTitle => "Đã có lỗi xảy ra",
            KeyboardHint => "Mẹo: phím ← và → để chuyển giữa các bước.",
            Of => "/",
            QuizTitle => "Kiểm tra hiểu biết",
            UnlimitedTries => "Không giới hạn số lần trả lời",
            TriesPerQuestion => "lần trả lời mỗi câu",
            BestScore => "Cao nhất",
            LatestScore => "Gần nhất",
            SubmitAll => "Nộp tất cả câu trả lời",
            TriesLeft => "lần trả lời còn lại",
            Question => "Câu",
            Hint => "Gợi ý",
            CheckAnswer => "Kiểm tra đáp án",
            ShowHint => "Xem gợi ý",
            Correct => "Chính xác",
            NotQuite => "Chưa đúng",
            Answer => "Đáp án",
            YourAnswers => "Các câu trả lời của bạn",
            True => "Đúng",
            False => "Sai",
            QuizScore => "Quiz",
            ExYourFile => "File của bạn",
            ExCheck => "Chấm file của tôi",
            ExSaveDraft => "Lưu bản nháp",
            ExReset => "Quay về file ban đầu",
            ExResetConfirm => {
                "Thay file của bạn bằng file ban đầu? Các lần nộp trước vẫn được giữ."
            }
            ExShowSolution => "Xem lời giải",
            ExSolution => "Lời giải tham khảo",
            ExSolutionAfter => "Lời giải sẽ mở sau số lần chấm chưa đạt nữa:",
            ExPoints => "điểm",
            ExChecks => "tiêu chí",
            ExAttempts => "lần nộp",
            ExBest => "cao nhất",
            ExPassed => "Đạt tất cả tiêu chí.",
            ExFailed => "Còn tiêu chí chưa đạt.",
            ExUnreadable => "Không chấm được file:",
            ExLine => "dòng",
            ExColumn => "cột",
            ExResults => "Kết quả",
            ExSaved => "Đã lưu bản nháp",
            ExSaving => "Đang lưu…",
            ExOffline => {
                "Chưa lưu được: lab không phản hồi. Nội dung vẫn ở đây và sẽ được lưu khi có kết nối."
            }
            ExStale => {
                "Bài này đã được sửa ở tab khác. Hãy tải lại trang để tiếp tục từ bản mới nhất."
            }
            ExTabHint => "Tab chèn hai dấu cách; nhấn Esc rồi Tab để rời khỏi ô soạn thảo.",
            ExData => "Dữ liệu",
            ExAttempt => "Lần nộp",
            ExNotCounted => "không tính",
        },
    }
}
