"""Write N realistic, varied test notices into a content folder.

    .venv/bin/python benchmarks/gen_notices.py OUT_CONTENT_DIR N --seed 1

OUT_CONTENT_DIR gets ``notices/<province>/<year>/<file>.txt`` plus copies of the repository's
``content/reference`` and ``content/pages``, so it is a complete content folder for a site
(``plugins: - thongbao: {content_dir: OUT_CONTENT_DIR}``). The notices look like the real ones
(place-and-date line, presiding chair, tasks with deadlines, citations, signature block) and
weigh 12–20 KB like the archive's, spread over the 63 provinces before 1 July 2025 and the 34
after, 2019–2025. The same seed gives the same files, byte for byte. What recurs, recurs as in
the archive:

- one chair per province and term (about 2.5 years), so a chair's page lists many notices;
- agencies drawn from ``content/reference/agencies.yml`` (those of every province and those of
  the notice's own province, active on its date), written in any of their listed spellings;
- district committees (``UBND huyện …``) from a fixed list per province, until 30 June 2025;
- cited documents with a long tail: a few national ones cited everywhere (weights falling as
  1/rank), local ones (``…/KH-UBND`` of the province) mostly cited once or twice.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

from thongbao.reference import Province, Reference, load_reference

ROOT = Path(__file__).resolve().parents[1]
MERGER = dt.date(2025, 7, 1)
YEARS = range(2019, 2026)

SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
            "Dương", "Lý", "Trịnh", "Đinh")
MIDDLE = ("Văn", "Thị", "Đức", "Minh", "Quốc", "Xuân", "Thanh", "Hữu", "Đăng", "Ngọc")
GIVEN = ("Bình", "Hùng", "Trường", "Ánh", "Hà", "Dũng", "Tuấn", "Lan", "Sơn", "Thắng",
         "Quang", "Hải", "Phương", "Long", "Nam", "Thảo")

# Syllables of district names: each province gets a fixed list of districts made of them.
DISTRICT_SYLLABLES = ("An", "Bình", "Phú", "Tân", "Hòa", "Thạch", "Vĩnh", "Long", "Sơn", "Mỹ",
                      "Đức", "Lộc", "Yên", "Thanh", "Hưng", "Quảng", "Trà", "Cẩm", "Lâm", "Định")
# Kinds of reference agencies that are not named as such in a task (district and commune
# committees are generated per province below).
NOT_DRAWN = ("ubnd-huyen", "ubnd-xa")
CENTRAL = (
    ("Nghị quyết", "68/NQ-CP", "01/7/2021", "Chính phủ"),
    ("Nghị quyết", "01/NQ-CP", "01/01/2021", "Chính phủ"),
    ("Nghị quyết", "01/NQ-CP", "06/01/2022", "Chính phủ"),
    ("Nghị quyết", "128/NQ-CP", "11/10/2021", "Chính phủ"),
    ("Quyết định", "43/2021/QĐ-TTg", "22/12/2021", "Thủ tướng Chính phủ"),
    ("Công điện", "570/CĐ-TTg", "04/5/2021", "Thủ tướng Chính phủ"),
    ("Nghị định", "45/2025/NĐ-CP", "28/02/2025", "Chính phủ"),
    ("Kết luận", "07-KL/TW", "11/6/2021", "Bộ Chính trị"),
    ("Chỉ thị", "05/CT-TTg", "23/02/2023", "Thủ tướng Chính phủ"),
    ("Nghị quyết", "11/NQ-CP", "30/01/2022", "Chính phủ"),
)
TOPIC_SENTENCES = (
    "Tiếp tục thực hiện nghiêm các biện pháp phòng, chống dịch Covid-19, đẩy nhanh tiêm vắc "
    "xin phòng Covid-19 cho người dân; bảo đảm vừa chống dịch, vừa phát triển kinh tế.",
    "Đẩy nhanh tiến độ giải ngân vốn đầu tư công, tập trung tháo gỡ vướng mắc trong bồi "
    "thường, giải phóng mặt bằng; chủ đầu tư chậm giải ngân phải làm rõ trách nhiệm.",
    "Tăng cường công tác quản lý thu ngân sách nhà nước, chống thất thu, thu hồi nợ đọng "
    "thuế; điều hành chi ngân sách chặt chẽ, tiết kiệm, hiệu quả.",
    "Chỉ đạo sản xuất nông nghiệp vụ Đông Xuân, phòng chống dịch bệnh trên đàn gia súc, gia "
    "cầm; đẩy mạnh xây dựng nông thôn mới, phát triển sản phẩm OCOP.",
    "Chuẩn bị tốt các điều kiện cho năm học mới, rà soát mạng lưới trường lớp, bảo đảm đủ "
    "giáo viên, sách giáo khoa và cơ sở vật chất trường học.",
    "Đẩy mạnh cải cách hành chính, chuyển đổi số, nâng cao chỉ số PCI, PAR Index, SIPAS; "
    "giải quyết thủ tục hành chính trực tuyến toàn trình.",
    "Bảo đảm quốc phòng, an ninh, trật tự an toàn xã hội, an toàn giao thông; đấu tranh "
    "phòng chống tội phạm, nhất là tội phạm ma túy.",
    "Thực hiện tốt chính sách an sinh xã hội, hỗ trợ người lao động, giải quyết việc làm, "
    "giảm nghèo bền vững, chăm lo gia đình chính sách.",
    "Rà soát quy hoạch sử dụng đất, quản lý chặt chẽ tài nguyên khoáng sản, bảo vệ môi "
    "trường, xử lý nghiêm vi phạm về đất đai.",
    "Phát triển du lịch, tổ chức các hoạt động văn hóa, thể thao chào mừng các ngày lễ lớn, "
    "bảo tồn di sản văn hóa các dân tộc.",
)
FILLER = (
    "Các cơ quan, đơn vị theo chức năng, nhiệm vụ được giao chủ động triển khai thực hiện, "
    "kịp thời báo cáo những khó khăn, vướng mắc vượt thẩm quyền.",
    "Thủ trưởng các Sở, ban, ngành, Chủ tịch UBND các huyện, thành phố chịu trách nhiệm trước "
    "UBND tỉnh về kết quả thực hiện nhiệm vụ của ngành, địa phương mình.",
    "Trong tháng, tình hình kinh tế - xã hội của tỉnh tiếp tục ổn định, một số chỉ tiêu tăng "
    "khá so với cùng kỳ năm trước; tuy nhiên vẫn còn những tồn tại, hạn chế cần khắc phục.",
    "Tăng cường kỷ luật, kỷ cương hành chính, nâng cao trách nhiệm người đứng đầu trong thực "
    "thi công vụ, khắc phục tình trạng né tránh, đùn đẩy trách nhiệm.",
    "Thực hiện nghiêm chế độ thông tin, báo cáo định kỳ và đột xuất theo quy định, bảo đảm "
    "chất lượng, đúng thời hạn.",
)


@dataclass(frozen=True)
class Notice:
    province: Province
    date: dt.date
    number: int
    chair: str
    kind: str  # "tb" (thông báo) or "cv" (công văn)


def chair_of(province: Province, year: int) -> str:
    """One chair per province and term of ~2.5 years: names recur over a province's notices."""
    rng = random.Random(f"{province.id}-{(year - 2019) * 2 // 5}")
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def districts_of(province: Province) -> tuple[str, ...]:
    """A fixed list of 6–12 district names per province (seeded by the province's id)."""
    rng = random.Random(f"districts-{province.id}")
    names: list[str] = []
    while len(names) < rng.randint(6, 12):
        name = " ".join(rng.sample(DISTRICT_SYLLABLES, 2))
        if name not in names:
            names.append(name)
    return tuple(names)


def agency_spellings(ref: Reference, notice: Notice) -> list[str]:
    """How a task may name a body of the notice's province active on its date: the canonical
    name, head word + one of its names, or a full alias, as agencies.yml lists them."""
    out = []
    for agency in ref.agencies.values():
        if agency.kind in NOT_DRAWN or agency.province not in (None, notice.province.id):
            continue
        if not agency.active_on(notice.date):
            continue
        forms = [agency.name, *(f"{agency.head} {name}" for name in agency.names[:2]),
                 *agency.full_aliases[:1]]
        out += [form.replace("tỉnh", unit(notice.province)) for form in forms]
    return out


def pick_notices(ref: Reference, n: int, rng: random.Random) -> list[Notice]:
    provinces = list(ref.provinces.values())
    # A few provinces publish much more (the skew makes year-split index pages appear).
    weights = [8 if i % 9 == 0 else 1 for i in range(len(provinces))]
    out = []
    for i in range(n):
        day = dt.date(rng.choice(YEARS), rng.randint(1, 12), rng.randint(1, 28))
        province = rng.choices(provinces, weights)[0]
        if day >= MERGER and not province.current:
            province = ref.province_now(province.id)
        kind = "cv" if rng.random() < 0.25 else "tb"
        out.append(Notice(province, day, 100 + i, chair_of(province, day.year), kind))
    return out


def unit(province: Province) -> str:
    return "thành phố" if province.kind == "thành phố" else "tỉnh"


def vn_date(day: dt.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}" if day.month < 3 else (
        f"{day.day:02d}/{day.month}/{day.year}"
    )


# National documents cited with weights falling as 1/rank: the first few are cited everywhere.
CENTRAL_WEIGHTS = tuple(1 / rank for rank in range(1, len(CENTRAL) + 1))


def citation(rng: random.Random, notice: Notice) -> str:
    if rng.random() < 0.6:
        kind, symbol, date, issuer = rng.choices(CENTRAL, CENTRAL_WEIGHTS)[0]
        return f"{kind} số {symbol} ngày {date} của {issuer}"
    # Local documents: numbers run into the thousands a year, so most are cited once or twice.
    number = rng.randint(1, 3000)
    year = notice.date.year - rng.randint(0, 2)
    kind, code = rng.choice((("Kế hoạch", "KH-UBND"), ("Quyết định", "QĐ-UBND"),
                             ("Chỉ thị", "CT-UBND")))
    when = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
    return f"{kind} số {number}/{code} ngày {vn_date(when)} của UBND {unit(notice.province)}"


def task(rng: random.Random, notice: Notice, agencies: list[str]) -> str:
    if notice.date < MERGER and rng.random() < 0.15:
        agency = f"UBND huyện {rng.choice(districts_of(notice.province))}"
    else:
        agency = rng.choice(agencies)
    due = notice.date + dt.timedelta(days=rng.randint(5, 60))
    u = unit(notice.province)
    action = rng.choice((
        "chủ trì, phối hợp với các cơ quan liên quan rà soát, đề xuất giải pháp",
        f"tham mưu UBND {u} ban hành kế hoạch triển khai",
        "tổng hợp kết quả thực hiện, đánh giá những khó khăn, vướng mắc",
        "hướng dẫn, đôn đốc các địa phương hoàn thành các chỉ tiêu được giao",
    ))
    return (f"Giao {agency} {action} theo {citation(rng, notice)}; "
            f"báo cáo UBND {u} trước ngày {vn_date(due)}.")


def notice_text(notice: Notice, rng: random.Random, ref: Reference) -> str:
    agencies = agency_spellings(ref, notice)
    p, day, u = notice.province, notice.date, unit(notice.province)
    meeting = day - dt.timedelta(days=rng.randint(1, 6))
    lines = [f"UBND {u.upper()} {p.name.upper()}", ""]
    if notice.kind == "cv":
        lines += [f"Số: {notice.number}/UBND-TH", "",
                  f"V/v triển khai nhiệm vụ trọng tâm tháng {day.month} năm {day.year}", ""]
    else:
        lines += [f"Số: {notice.number}/TB-UBND", ""]
    lines += [f"{p.name}, ngày {day.day:02d} tháng {day.month} năm {day.year}", ""]
    if notice.kind == "tb":
        lines += ["THÔNG BÁO", "",
                  f"Kết luận của Chủ tịch UBND {u} {notice.chair} tại phiên họp UBND {u} "
                  f"thường kỳ tháng {day.month} năm {day.year}", "",
                  f"Ngày {vn_date(meeting)}, UBND {u} tổ chức phiên họp thường kỳ. Chủ tịch "
                  f"UBND {u} {notice.chair} chủ trì phiên họp; tham dự có các đồng chí Phó Chủ "
                  f"tịch UBND {u}, Thủ trưởng các Sở, ban, ngành.", "",
                  f"Sau khi nghe báo cáo và ý kiến các đại biểu, Chủ tịch UBND {u} kết luận như "
                  "sau:", ""]
    else:
        lines += ["Kính gửi: Các Sở, ban, ngành; UBND các huyện, thành phố.", "",
                  f"Thực hiện {citation(rng, notice)}, Chủ tịch UBND {u} yêu cầu:", ""]
    size, section = 0, 0
    target = rng.randint(11_000, 18_000)
    while size < target:
        section += 1
        body = [rng.choice(TOPIC_SENTENCES) for _ in range(2)] + [rng.choice(FILLER)]
        para = f"{section}. " + " ".join(body)
        line = task(rng, notice, agencies)
        lines += [para, "", line, ""]
        size += len((para + line).encode())
    signer = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
    lines += ["Nơi nhận:", "", "- Như trên;", f"- TT {u.capitalize()} ủy, TT HĐND {u};",
              "- Lưu: VT, TH.", ""]
    if notice.kind == "cv":
        lines += ["CHỦ TỊCH", "", notice.chair, ""]
    else:
        lines += ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "", signer, ""]
    return "\n".join(lines)


def generate(out: Path, n: int, seed: int = 1) -> list[Path]:
    ref = load_reference(ROOT / "content" / "reference")
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    for folder in ("reference", "pages"):
        if (ROOT / "content" / folder).is_dir():
            shutil.copytree(ROOT / "content" / folder, out / folder, dirs_exist_ok=True)
    written = []
    for notice in pick_notices(ref, n, rng):
        name = f"{notice.kind}-{notice.date.isoformat()}-{notice.number}.txt"
        path = out / "notices" / notice.province.id / str(notice.date.year) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(notice_text(notice, rng, ref), encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="content folder to write (notices/, reference/)")
    parser.add_argument("n", type=int, help="number of notices")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    written = generate(args.out, args.n, args.seed)
    print(f"{len(written)} notices in {args.out / 'notices'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
