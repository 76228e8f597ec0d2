"""Made-up report pages, one for each way real pages went wrong (issue #15), tagged as a person would.

Each page is short and written for this test (no third-party text): the phenomenon it shows is in
its id.  District and year are what a careful reader would say; ``None`` means "cannot tell", which
is the right answer when the page does not say: a wrong tag is worse than none.
"""

from __future__ import annotations

import json

import pytest

from indexer.pipeline import process_file, process_text
from indexer.reading import ReadError

# A neutral paragraph that names no place and no year.
FILLER = (
    "Các cấp ủy, chính quyền và Nhân dân đã đoàn kết, nỗ lực vượt qua khó khăn; an sinh xã hội được bảo đảm, "
    "quốc phòng - an ninh được giữ vững, công tác xây dựng Đảng được chú trọng."
)

# id, url, text, district (short name) or None, year or None
PAGES = [
    # ---- year: dated evidence before loose "năm" mentions
    (
        "date-in-title-and-lead-beats-a-later-plan-year",
        None,
        "Huyện ủy Lục Nam họp Ban Chấp hành tháng 9/2018\n\n"
        "Sáng ngày 18/9/2018, Huyện ủy Lục Nam tổ chức hội nghị Ban Chấp hành Đảng bộ huyện để đánh giá công "
        "tác lãnh đạo 9 tháng qua.\n\n" + FILLER + " Năm 2019, huyện phấn đấu hoàn thành 20 chỉ tiêu chủ yếu.\n",
        "Lục Nam",
        2018,
    ),
    (
        "quarter-of-a-year-and-a-baseline",
        None,
        "Huyện ủy Lục Ngạn đánh giá nhiệm vụ quý I\n\n"
        "Trong quý I của năm 2023, giá trị sản xuất nông nghiệp của huyện Lục Ngạn tăng 5,1% so với cùng kỳ năm "
        "2022; thu ngân sách đạt 31% dự toán, tăng so với năm 2022.\n\n" + FILLER + "\n",
        "Lục Ngạn",
        2023,
    ),
    (
        "first-six-months-and-a-baseline",
        None,
        "UBND huyện Yên Thế họp phiên thường kỳ\n\n"
        "Sáu tháng đầu năm 2024, huyện Yên Thế thu ngân sách đạt 58% dự toán, bằng 112% so với cùng kỳ năm 2023; "
        "tổng diện tích gieo trồng đạt 96% kế hoạch.\n\n" + FILLER + "\n",
        "Yên Thế",
        2024,
    ),
    (
        "periods-and-horizons-never-vote",
        None,
        "Đảng bộ huyện Hiệp Hòa quán triệt nghị quyết\n\n"
        "Ban Thường vụ Huyện ủy Hiệp Hòa quán triệt nghị quyết về phát triển huyện giai đoạn 2021 - 2025, định "
        "hướng đến năm 2030, tầm nhìn đến năm 2045, thực hiện nghị quyết Đại hội nhiệm kỳ 2020-2025.\n\n"
        + FILLER
        + "\n",
        "Hiệp Hòa",
        None,
    ),
    (
        "published-in-january-reviews-last-year",
        None,
        "Huyện ủy Tân Yên tổng kết công tác\n\n10/01/2024 08:30\n\n"
        "Ngày 9/1, Huyện ủy Tân Yên tổ chức hội nghị tổng kết công tác xây dựng Đảng năm qua và triển khai "
        "nhiệm vụ trọng tâm; trong năm qua, toàn Đảng bộ kết nạp 210 đảng viên mới.\n\n" + FILLER + "\n",
        "Tân Yên",
        2023,
    ),
    (
        "a-cited-document-date-is-not-the-reports",
        None,
        "Huyện ủy Sơn Động quán triệt nghị quyết của Tỉnh ủy\n\n"
        "Hội nghị quán triệt Nghị quyết số 05-NQ/TU, ngày 12/3/2019 của Ban Thường vụ Tỉnh ủy về phát triển "
        "vùng đồng bào dân tộc thiểu số của huyện Sơn Động.\n\n" + FILLER + "\n",
        "Sơn Động",
        None,
    ),
    (
        "two-years-in-balance-are-unknown",
        None,
        "Hội nghị Huyện ủy Lạng Giang\n\n"
        "Kết quả thực hiện nhiệm vụ năm 2021 của huyện Lạng Giang đạt khá; kết quả thực hiện nhiệm vụ năm 2022 "
        "cũng đạt khá, nhiều chỉ tiêu vượt kế hoạch.\n\n" + FILLER + "\n",
        "Lạng Giang",
        None,
    ),
    (
        "a-long-date-line",
        None,
        "Hội nghị Ban Chấp hành Đảng bộ huyện lần thứ 9\n\n"
        "Thứ Tư, ngày 21 tháng 7 năm 2021 - 10:49\n\n"
        "Huyện ủy Việt Yên tổ chức hội nghị Ban Chấp hành Đảng bộ huyện đánh giá kết quả công tác lãnh đạo, "
        "chỉ đạo và bàn giải pháp cho thời gian tới.\n\n" + FILLER + "\n",
        "Việt Yên",
        2021,
    ),
    (
        "a-date-after-a-place-name-is-the-reports",
        None,
        "Hội nghị Ban Chấp hành Đảng bộ huyện\n\n"
        "Huyện Chư Sê, ngày 12/12/2023, Ban Chấp hành Đảng bộ huyện Chư Sê họp bàn công tác cuối kỳ và thông "
        "qua nhiều nội dung quan trọng.\n\n" + FILLER + "\n",
        "Chư Sê",
        2023,
    ),
    (
        "a-year-paired-with-plans-for-the-next",
        None,
        "Hội nghị Ban Chấp hành Đảng bộ huyện Quế Võ lần thứ 6\n\n"
        "Hội nghị cho ý kiến về tình hình thực hiện công tác kiểm tra, giám sát năm 2021, phương hướng, nhiệm vụ "
        "năm 2022; chương trình công tác của Ban Thường vụ Huyện ủy năm 2022; kế hoạch đầu tư công năm 2022.\n\n"
        "Kết luận hội nghị, Bí thư Huyện ủy Quế Võ nhấn mạnh nhiệm vụ năm 2022 rất nặng nề, đề nghị các cấp ủy "
        "quyết liệt thực hiện Nghị quyết của Huyện ủy về phát triển kinh tế - xã hội năm 2022.\n\n" + FILLER + "\n",
        "Quế Võ",
        2021,
    ),
    (
        "a-law-named-with-its-year-is-not-the-reports",
        None,
        "Huyện ủy Thuận Thành quán triệt Hiến pháp\n\n"
        "Sáng 14/6/2014, Huyện ủy Thuận Thành tổ chức hội nghị quán triệt Hiến pháp năm 2013 và Luật Đất đai năm "
        "2013 cho cán bộ chủ chốt của huyện.\n\n" + FILLER + "\n",
        "Thuận Thành",
        2014,
    ),
    (
        "same-period-of-a-year-names-the-year-after",
        None,
        "Huyện ủy họp đánh giá quý I\n\n"
        "Hội nghị đánh giá công tác lãnh đạo trong quý I, triển khai nhiệm vụ quý II và những tháng tiếp theo của "
        "năm 2022 của Huyện ủy Nho Quan; tổng mức bán lẻ hàng hóa tăng 4,2% so với cùng kỳ năm 2021.\n\n"
        + FILLER
        + "\n",
        "Nho Quan",
        2022,
    ),
    (
        "a-target-for-the-end-of-a-year-is-not-the-year",
        None,
        "Văn Chấn: một năm nhiều dấu ấn\n\n28/02/2023 10:15\n\n"
        "Năm 2022 khép lại với nhiều kết quả đáng khích lệ của Đảng bộ và Nhân dân huyện Văn Chấn; huyện đã "
        "hoàn thành 30/35 chỉ tiêu chủ yếu.\n\n"
        "Năm 2022 huyện chịu ảnh hưởng của mưa lũ, nhưng sản xuất nông nghiệp vẫn về đích sớm; dự kiến đến cuối "
        "năm 2023 có thêm 3 xã đạt chuẩn nông thôn mới.\n\n" + FILLER + "\n",
        "Văn Chấn",
        2022,
    ),
    (
        "a-page-clock-is-not-the-published-date",
        None,
        "Hôm nay, Thứ sáu ngày 10/01/2025\n\nHuyện ủy Kim Bảng tổng kết công tác\n\n"
        "Ngày 8/1, Huyện ủy Kim Bảng tổ chức hội nghị tổng kết công tác xây dựng Đảng năm qua, triển khai nhiệm "
        "vụ trọng tâm; trong năm qua, toàn Đảng bộ kết nạp 150 đảng viên mới.\n\n" + FILLER + "\n",
        "Kim Bảng",
        None,
    ),
    (
        "a-spaced-date-line-and-a-zoom-widget",
        None,
        "Hội nghị Ban Chấp hành Đảng bộ huyện Ân Thi mở rộng\n\nĐăng ngày 05 - 11 - 2021\n\n100%\n\n"
        "Ngày 3 tháng 11, Ban Thường vụ Huyện ủy Ân Thi tổ chức hội nghị Ban Chấp hành Đảng bộ huyện nhiệm kỳ "
        "2020 - 2025 (mở rộng), quán triệt các chỉ thị của Ban Thường vụ Tỉnh ủy.\n\n" + FILLER + "\n",
        "Ân Thi",
        2021,
    ),
    (
        "a-span-of-days-is-when-it-happened",
        None,
        "Huyện ủy Tiên Du thông báo nhanh kết quả Hội nghị Trung ương\n\n"
        "Bí thư Huyện ủy Tiên Du thông tin kết quả Hội nghị Trung ương 5, họp từ ngày 05/10 đến ngày 12/10/2017, "
        "tới cán bộ chủ chốt của huyện, đảng viên các chi bộ, đảng bộ cơ sở.\n\n" + FILLER + "\n",
        "Tiên Du",
        2017,
    ),
    (
        "a-congress-held-for-its-term-is-in-the-terms-first-year",
        None,
        "Khai mạc Đại hội Đảng bộ huyện Lạng Giang\n\n"
        "Sáng 12/6, Đại hội đại biểu Đảng bộ huyện Lạng Giang lần thứ XXIV, nhiệm kỳ 2020 - 2025 chính thức khai mạc "
        "với 250 đại biểu đại diện cho hơn 9.000 đảng viên trong toàn Đảng bộ huyện.\n\n" + FILLER + "\n",
        "Lạng Giang",
        2020,
    ),
    (
        "a-congress-resolution-is-not-a-congress",
        None,
        "Huyện ủy Lạng Giang sơ kết nghị quyết\n\n"
        "Hội nghị sơ kết việc thực hiện Nghị quyết Đại hội đại biểu Đảng bộ huyện Lạng Giang lần thứ XXIV, nhiệm kỳ "
        "2020 - 2025 đã đạt nhiều kết quả; chuẩn bị tiến tới Đại hội Đảng bộ huyện lần thứ XXV, nhiệm kỳ 2025 - 2030 "
        "thành công.\n\n" + FILLER + "\n",
        "Lạng Giang",
        None,
    ),
    # ---- the address names the place
    (
        "district-only-in-the-path-slug",
        "https://tinh.example.vn/hoat-dong/dang-bo-huyen-dinh-hoa/hoi-nghi-tong-ket-nam-2022-31.html",
        "Hội nghị tổng kết công tác năm 2022\n\n"
        "Năm 2022, Ban Chấp hành Đảng bộ huyện đã lãnh đạo hoàn thành các chỉ tiêu chủ yếu; giá trị sản xuất "
        "nông nghiệp tăng 4%, kết nạp 190 đảng viên mới.\n\n" + FILLER + "\n",
        "Định Hóa",
        2022,
    ),
    (
        "district-site-host",
        "https://tuyphong.binhthuan.dcs.vn/tin-tuc/post/123/hoi-nghi-co-quan",
        "Hội nghị cán bộ, công chức cơ quan Huyện ủy\n\n"
        "Năm 2023, các ban, văn phòng Huyện ủy đã hoàn thành các chỉ tiêu; 100% công chức hoàn thành nhiệm vụ "
        "được giao.\n\n" + FILLER + "\n",
        "Tuy Phong",
        2023,
    ),
    (
        "district-site-host-with-its-unit-word",
        "http://huyendakto.kontum.gov.vn/tin-tuc/-/content/phien-hop-thang-12",
        "UBND huyện họp phiên thường kỳ tháng 12\n\n"
        "Tháng 12 năm 2020, UBND huyện tập trung chỉ đạo các nhiệm vụ phát triển kinh tế - xã hội; năm 2020, "
        "tổng mức bán lẻ hàng hóa đạt kế hoạch.\n\n" + FILLER + "\n",
        "Đắk Tô",
        2020,
    ),
    (
        "commune-district-province-host",
        "https://camluong.camthuy.thanhhoa.gov.vn/web/tin-tuc/phien-hop-thang-6-2021.html",
        "UBND huyện họp phiên thường kỳ tháng 6\n\n"
        "Sáu tháng đầu năm 2021, kinh tế - xã hội của huyện ổn định; tổng diện tích gieo trồng đạt 65% kế "
        "hoạch, thu ngân sách đạt 52% dự toán.\n\n" + FILLER + "\n",
        "Cẩm Thủy",
        2021,
    ),
    (
        "provincial-paper-host-and-a-slug-that-starts-with-the-district",
        "https://baogialai.com.vn/chu-se-tong-gia-tri-san-xuat-dat-ke-hoach-post1.html",
        "Tổng giá trị sản xuất đạt kế hoạch\n\n"
        "Trong năm 2023, kinh tế của huyện tiếp tục chuyển biến tích cực; tổng giá trị sản xuất bằng 108% so "
        "với năm 2022.\n\n" + FILLER + "\n",
        "Chư Sê",
        2023,
    ),
    (
        "provincial-paper-host-decides-a-shared-name",
        "https://baobinhdinh.vn/chinh-tri/huyen-uy-an-lao-tong-ket-1.htm",
        "Huyện ủy An Lão tổng kết công tác năm 2022\n\n"
        "Năm 2022, huyện An Lão đã hoàn thành 15/17 chỉ tiêu; công tác xây dựng Đảng được chú trọng.\n\n"
        + FILLER
        + "\n",
        "An Lão",
        2022,
    ),
    (
        "address-year-when-the-text-has-none",
        "https://baogialai.com.vn/chu-pah-ket-nap-dang-vien-trong-quy-i-2023-post2.html",
        "Kết nạp đảng viên trong quý I\n\n"
        "Trong quý I, toàn Đảng bộ huyện kết nạp 32 đảng viên mới; gieo trồng vụ Đông Xuân 2022-2023 đạt kế "
        "hoạch, sản xuất công nghiệp tăng so với cùng kỳ năm 2022.\n\n" + FILLER + "\n",
        "Chư Păh",
        2023,
    ),
    (
        "a-date-in-the-address-path",
        "http://tinh.example.vn/portal/Pages/2021-11-05/Hoi-nghi-Ban-Chap-hanh-Dang-bo-huyen-k3x9.aspx",
        "Hội nghị Ban Chấp hành Đảng bộ huyện mở rộng\n\n"
        "Ngày 3 tháng 11, Ban Thường vụ Huyện ủy Khoái Châu tổ chức hội nghị Ban Chấp hành Đảng bộ huyện nhiệm "
        "kỳ 2020 - 2025 (mở rộng), quán triệt các chỉ thị của Ban Thường vụ Tỉnh ủy.\n\n" + FILLER + "\n",
        "Khoái Châu",
        2021,
    ),
    (
        "a-year-and-month-folder-in-the-address",
        "https://baotinh.example.vn/chinh-tri/202212/ky-hop-hdnd-huyen-thong-qua-nghi-quyet-967001/",
        "Kỳ họp HĐND huyện thông qua 12 nghị quyết\n\n"
        "Ngày 16/12, HĐND huyện Tiên Lữ khóa XX tổ chức kỳ họp thường lệ cuối năm; thu ngân sách đạt 112% dự "
        "toán, 17/18 chỉ tiêu đạt và vượt.\n\n" + FILLER + "\n",
        "Tiên Lữ",
        2022,
    ),
    # ---- names as people write them
    (
        "spelling-variant-folded",
        None,
        "Huyện ủy Mù Cang Chải tổng kết công tác năm 2023\n\n"
        "Năm 2023, huyện Mù Cang Chải đã hoàn thành 33/47 chỉ tiêu; sản xuất lương thực về đích sớm.\n\n"
        + FILLER
        + "\n",
        "Mù Căng Chải",
        2023,
    ),
    (
        "a-folded-word-is-not-a-place",
        None,
        "Chủ tịch UBND huyện làm việc với các xã\n\n"
        "Chủ tịch UBND huyện yêu cầu các ngành thực hiện tốt nhiệm vụ tháng 7 năm 2022; kết quả thực hiện nhiệm "
        "vụ 6 tháng đầu năm 2022 đạt khá.\n\n" + FILLER + "\n",
        None,
        2022,
    ),
    (
        "spelling-variant-from-the-table",
        None,
        "Huyện ủy Cư Mgar tổng kết công tác năm 2022\n\n"
        "Năm 2022, huyện Cư Mgar đã hoàn thành các chỉ tiêu; diện tích cà phê tái canh tăng.\n\n" + FILLER + "\n",
        "Cư M'gar",
        2022,
    ),
    (
        "the-unit-word-decides-a-shared-name",
        None,
        "HĐND huyện Tân Châu khai mạc kỳ họp cuối năm 2022\n\n"
        "Kỳ họp đánh giá kết quả thực hiện nhiệm vụ năm 2022 của huyện Tân Châu; thu ngân sách đạt 105% dự "
        "toán.\n\n" + FILLER + "\n",
        "Tân Châu",
        2022,
    ),
    (
        "tx-abbreviation-is-the-unit-word",
        None,
        "Khai mạc kỳ họp HĐND TX.Hoàng Mai\n\n"
        "Sáng 18/12/2023, HĐND TX.Hoàng Mai khai mạc kỳ họp thường lệ cuối năm 2023 để đánh giá kết quả thực "
        "hiện nhiệm vụ năm 2023.\n\n" + FILLER + "\n",
        "Hoàng Mai",
        2023,
    ),
    (
        "thanh-uy-of-a-city-in-a-province",
        None,
        "Sơ kết công tác quý I năm 2022\n\n"
        "Ban Chấp hành Đảng bộ thành phố họp đánh giá kết quả thực hiện nhiệm vụ quý I năm 2022; Thành ủy Tam Điệp "
        "đề ra nhiệm vụ trọng tâm quý II.\n\n" + FILLER + "\n",
        "Tam Điệp",
        2022,
    ),
    (
        "a-list-of-districts-names-no-subject",
        None,
        "Kinh tế vải thiều của tỉnh Bắc Giang năm 2022\n\n"
        "Năm 2022, vải thiều tập trung ở các huyện Lục Nam, Tân Yên và thị xã Chũ đạt sản lượng cao; kết quả "
        "tiêu thụ năm 2022 vượt kế hoạch của tỉnh Bắc Giang.\n\n" + FILLER + "\n",
        None,
        2022,
    ),
    (
        "a-town-named-like-its-district",
        None,
        "Hội nghị tổng kết năm 2022\n\n"
        "Tại hội trường thị trấn Hữu Lũng, Ban Chấp hành Đảng bộ tổng kết năm 2022; kết quả thực hiện nhiệm vụ "
        "năm 2022 đạt khá, 18/20 chỉ tiêu đạt và vượt.\n\n" + FILLER + "\n",
        "Hữu Lũng",
        2022,
    ),
    (
        "a-commune-unique-in-the-named-province",
        None,
        "Xây dựng nông thôn mới kiểu mẫu\n\n"
        "Năm 2022, xã Quảng An (tỉnh Thừa Thiên Huế) đã hoàn thành các tiêu chí nông thôn mới kiểu mẫu; thu nhập "
        "bình quân đạt 60 triệu đồng.\n\n" + FILLER + "\n",
        "Quảng Điền",
        2022,
    ),
    # ---- districts of their time
    (
        "a-district-merged-later-tags-a-report-of-its-time",
        None,
        "Huyện Long Điền: nhiều chỉ tiêu đạt và vượt\n\n"
        "Sáng 12/12/2023, Ban Chấp hành Đảng bộ huyện Long Điền tổng kết nhiệm vụ chính trị năm 2023; 39/42 chỉ "
        "tiêu đạt và vượt.\n\n" + FILLER + "\n",
        "Long Điền",
        2023,
    ),
    (
        "a-district-of-2019-from-the-address",
        "http://www.lamdong.gov.vn/vi-VN/a/dateh/tintuc/Pages/hoi-nghi-lan-thu-21.aspx",
        "Hội nghị Huyện ủy lần thứ 21 mở rộng\n\n"
        "Năm 2019, tình hình kinh tế - xã hội của huyện tiếp tục phát triển; 12/15 chỉ tiêu chủ yếu đạt và vượt "
        "kế hoạch.\n\n" + FILLER + "\n",
        "Đạ Tẻh",
        2019,
    ),
    # ---- round 3: from a fresh batch of real pages (each phenomenon in a page of our own)
    (
        "an-iso-date-line-under-the-title",
        None,
        "Ban Thường vụ Huyện ủy Võ Nhai họp phiên thường kỳ\n"
        "2024-11-14 08:15:00.0\n"
        "Chiều 13/11, Ban Thường vụ Huyện ủy Võ Nhai tổ chức hội nghị thường kỳ để xem xét, cho ý kiến vào dự thảo "
        "các báo cáo trình hội nghị Ban Chấp hành Đảng bộ huyện.\n\n" + FILLER + "\n",
        "Võ Nhai",
        2024,
    ),
    (
        "a-congress-from-a-bare-day-to-a-date",
        None,
        "Từ ngày 20 đến ngày 22-6-2015, Đảng bộ huyện Sa Thầy, tỉnh Kon Tum đã tổ chức Đại hội đại biểu lần thứ "
        "XVI, nhiệm kỳ 2015-2020. Về dự Đại hội có 180 đại biểu đại diện cho hơn 1.500 đảng viên.\n\n" + FILLER + "\n",
        "Sa Thầy",
        2015,
    ),
    (
        "a-congress-held-said-before-its-term",
        None,
        "Đại hội đã biểu quyết thông qua Nghị quyết Đại hội đại biểu Đảng bộ quận Gò Vấp lần thứ XII, nhiệm kỳ "
        "2020-2025 với mục tiêu tổng quát là xây dựng Đảng bộ trong sạch, vững mạnh.\n\n"
        "Đại hội đã bầu Ban Chấp hành Đảng bộ quận Gò Vấp lần thứ XII, nhiệm kỳ 2020-2025 gồm 39 đồng chí.\n\n"
        + FILLER
        + "\n",
        "Gò Vấp",
        2020,
    ),
    (
        "the-first-session-of-a-council-term-and-final-accounts",
        None,
        "KỲ HỌP THỨ NHẤT HĐND HUYỆN LẠC DƯƠNG KHÓA XI, NHIỆM KỲ 2021 – 2026\n\n"
        "Vừa qua, HĐND huyện Lạc Dương khóa XI, nhiệm kỳ 2021 - 2026 đã tổ chức kỳ họp thứ nhất, bầu các chức danh "
        "lãnh đạo HĐND và UBND huyện. Kỳ họp thông qua nghị quyết phê chuẩn tổng quyết toán thu chi ngân sách năm "
        "2020 và nghị quyết về chương trình giám sát năm 2022 của HĐND huyện.\n\n" + FILLER + "\n",
        "Lạc Dương",
        2021,
    ),
    (
        "a-purpose-is-a-plan-and-met-targets-a-review",
        None,
        "Lạng Giang: Tổng kết công tác lãnh đạo của Huyện ủy\n\n"
        "Năm 2022, dưới sự lãnh đạo của Huyện ủy, tình hình kinh tế - xã hội của huyện Lạng Giang ổn định, 16/16 "
        "chỉ tiêu chủ yếu đạt và vượt kế hoạch; đời sống nhân dân được nâng lên.\n\n"
        + FILLER
        + "\n\nĐể hoàn thành các mục tiêu chủ yếu trong năm 2023, các đại biểu đề nghị tập trung tháo gỡ vướng "
        "mắc trong giải phóng mặt bằng.\n",
        "Lạng Giang",
        2022,
    ),
    (
        "a-timestamp-ending-the-address",
        "https://bao.example.vn/chinh-tri/hoi-nghi-huyen-uy-tan-chau-20230915093012345.htm",
        "Huyện ủy Tân Châu họp Ban Chấp hành\n\n"
        "Sáng 14/9, Ban Chấp hành Đảng bộ huyện Tân Châu, tỉnh Tây Ninh tổ chức hội nghị để đánh giá công tác lãnh "
        "đạo, chỉ đạo 9 tháng đầu năm và bàn nhiệm vụ những tháng cuối năm.\n\n" + FILLER + "\n",
        "Tân Châu",
        2023,
    ),
    (
        "a-headline-opened-by-its-place",
        "http://hdnd.bentre.gov.vn/noi-dung/bai-viet/123456",
        "Giồng Trôm: Họp liên tịch chuẩn bị kỳ họp thứ 8 Hội đồng nhân dân huyện khóa XII\n\n"
        "Ngày 05 tháng 6 năm 2023, Thường trực Hội đồng nhân dân huyện tổ chức họp liên tịch để thống nhất nội "
        "dung kỳ họp thứ 8; kỳ họp sơ kết tình hình thực hiện nghị quyết 6 tháng đầu năm 2023.\n\n" + FILLER + "\n",
        "Giồng Trôm",
        2023,
    ),
    (
        "a-cited-resolution-dated-by-its-number",
        None,
        "Sáu tháng đầu năm, Ban Chấp hành Đảng bộ huyện Trần Đề đã lãnh đạo thực hiện các nhiệm vụ đề ra; sản xuất "
        "nông nghiệp đạt và vượt kế hoạch; huyện tổ chức thành công diễn tập khu vực phòng thủ năm 2022.\n\n"
        "Hội nghị cho ý kiến vào báo cáo sơ kết Nghị quyết 05-NQ/HU, ngày 12/8/2021 của Huyện ủy về phát triển "
        "du lịch và Nghị quyết 07-NQ/HU, ngày 20/10/2021 về chuyển đổi số.\n\n" + FILLER + "\n",
        "Trần Đề",
        2022,
    ),
    (
        "a-congress-under-way",
        None,
        "Bầu Ban Chấp hành Đảng bộ huyện Kỳ Anh\n\n"
        "Tiếp tục chương trình Đại hội đại biểu Đảng bộ huyện Kỳ Anh lần thứ XXVI nhiệm kỳ 2015-2020, sáng nay "
        "(22/7), các đại biểu thảo luận báo cáo chính trị và bầu Ban Chấp hành Đảng bộ huyện.\n\n" + FILLER + "\n",
        "Kỳ Anh",
        2015,
    ),
    (
        "a-numbered-district-of-ho-chi-minh-city",
        None,
        "Quận ủy Quận 8 sơ kết 6 tháng đầu năm 2022\n\n"
        "Chiều 12/7/2022, Quận ủy Quận 8 tổ chức hội nghị sơ kết công tác 6 tháng đầu năm; thu ngân sách đạt 54% dự "
        "toán, các phường hoàn thành chỉ tiêu giao quân.\n\n" + FILLER + "\n",
        "Quận 8",
        2022,
    ),
    (
        "a-numbered-district-merged-in-2021-in-a-report-of-its-time",
        None,
        "Quận ủy Quận 9 tổng kết công tác năm 2019\n\n"
        "Sáng 24/12/2019, Quận ủy Quận 9 tổng kết công tác xây dựng Đảng năm 2019; 15/16 chỉ tiêu đạt và vượt.\n\n"
        + FILLER
        + "\n",
        "Quận 9",
        2019,
    ),
    (
        "numbered-districts-in-a-list-name-none",
        None,
        "Hội nghị giao ban khối quận\n\n"
        "Năm 2022, các quận 1, 3 và 5 hoàn thành chỉ tiêu chỉnh trang đô thị, thu ngân sách đạt 104% dự toán; các "
        "phường đạt chuẩn văn minh đô thị.\n\n" + FILLER + "\n",
        None,
        2022,
    ),
    (
        "communes-of-a-district-created-later-name-none",
        None,
        "Thành ủy Huế tổng kết công tác năm 2014\n\n"
        "Năm 2014, kinh tế - xã hội trên địa bàn cơ bản ổn định; phường Tây Lộc và phường Thuận Thành đạt chuẩn văn "
        "minh đô thị, thu ngân sách đạt 102% dự toán.\n\n" + FILLER + "\n",
        None,
        2014,
    ),
    (
        "deadlines-in-months-and-a-stamp-in-the-address",
        "https://bao.example.vn/kim-son-trien-khai-ke-hoach-dai-hoi/d20191120030022454.htm",
        "Kim Sơn triển khai kế hoạch Đại hội Đảng các cấp, nhiệm kỳ 2020-2025\n\n"
        "Ngày 20/11, Ban Thường vụ Huyện ủy Kim Sơn tổ chức hội nghị triển khai kế hoạch Đại hội Đảng các cấp. Đại "
        "hội chi bộ hoàn thành trong tháng 3/2020; đại hội đảng bộ cơ sở hoàn thành trong tháng 6/2020.\n\n"
        + FILLER
        + "\n",
        "Kim Sơn",
        2019,
    ),
    (
        "hard-wrapped-citations-are-no-date-line-nor-title",
        None,
        "Thực hiện Chỉ thị số\n"
        "35-CT/TW, ngày 30/5/2019 của Bộ Chính trị về đại hội\n"
        "đảng bộ các cấp; Kế hoạch số 119-KH/TU, ngày\n"
        "05/11/2019 của Ban Thường vụ Huyện ủy Gò Dầu về đại hội cấp cơ sở,\n"
        "từ ngày 16/1/2020 đến ngày 13/3/2020, Huyện ủy Gò Dầu đã tổ chức thành công 03 đại hội điểm ở cơ sở để rút "
        "kinh nghiệm cho đại hội đại trà trong toàn Đảng bộ huyện Gò Dầu.\n",
        "Gò Dầu",
        2020,
    ),
    (
        "communes-of-a-unit-absorbed-later-name-none",
        None,
        "Tỉnh Cao Bằng: giao thông nông thôn năm 2018\n\n"
        "Năm 2018, các xã Cần Yên, Lương Thông và Đa Thông của tỉnh Cao Bằng hoàn thành cứng hóa 12 km đường giao "
        "thông nông thôn, thu nhập bình quân đạt 18 triệu đồng.\n\n" + FILLER + "\n",
        None,
        2018,
    ),
    (
        "a-goal-by-a-year-and-a-congress-named-in-the-address",
        "http://tv.example.vn/tin-tuc/dai-hoi-dai-bieu-dang-bo-huyen-tuy-duc-lan-thu-v-nhiem-ky-20202025-5521.html",
        "Quang cảnh Đại hội\n\n"
        "Báo cáo tại Đại hội khẳng định, 05 năm qua, Ban Chấp hành Đảng bộ huyện Tuy Đức đã lãnh đạo thực hiện đạt và "
        "vượt 18/27 chỉ tiêu nghị quyết; tỷ lệ hộ nghèo giảm còn 9,2%.\n\n"
        "Phát biểu chỉ đạo, đồng chí Phó Bí thư Tỉnh ủy đề nghị Đảng bộ huyện Tuy Đức phấn đấu đưa huyện sớm thoát "
        "khỏi huyện nghèo và xây dựng thành công huyện nông thôn mới vào năm 2025.\n\n" + FILLER + "\n",
        "Tuy Đức",
        2020,
    ),
    (
        "a-congress-in-an-address-written-with-its-marks",
        "https://truongchinhtri.example.org.vn/Article/x1/đại-hội-đại-biểu-đảng-bộ-huyện-tứ-kỳ-lần-thứ-xxv-nhiệm-kỳ"
        "-2020-2025-thành-công-tốt-đẹp.html",
        "Đến dự và chỉ đạo Đại hội có các đồng chí lãnh đạo Tỉnh ủy Hải Dương và 250 đại biểu chính thức đại diện "
        "cho hơn 8.000 đảng viên trong toàn Đảng bộ huyện Tứ Kỳ.\n\n"
        "Trong nhiệm kỳ 2015-2020, Đảng bộ huyện Tứ Kỳ lãnh đạo đạt và vượt 16/19 mục tiêu chủ yếu của Nghị quyết "
        "Đại hội Đảng bộ huyện lần thứ XXIV.\n\n" + FILLER + "\n",
        "Tứ Kỳ",
        2020,
    ),
    (
        "a-resolution-dated-in-brackets",
        None,
        "HĐND huyện Thăng Bình họp chuyên đề năm 2023\n\n"
        "Sáng 3/11, HĐND huyện Thăng Bình khóa XII tổ chức kỳ họp chuyên đề, thông qua tờ trình điều chỉnh Nghị "
        "quyết số 18 (ngày 8/12/2022) của HĐND huyện về quy hoạch chung đô thị Bình Minh.\n\n" + FILLER + "\n",
        "Thăng Bình",
        2023,
    ),
    (
        "a-crawlers-date-header-gives-the-month",
        None,
        " date 2022-12 Sáng 20/12, HĐND huyện Tân Hồng khai mạc kỳ họp thứ 9, xem xét báo cáo của UBND huyện về tình "
        "hình kinh tế - xã hội và dự toán ngân sách.\n\n" + FILLER + "\n",
        "Tân Hồng",
        2022,
    ),
    (
        "a-wordpress-date-line-is-the-date-not-the-title",
        None,
        "Đã đăng vào 9 Th12, 2020 lúc 10:36\n\n"
        "Chiều 8/12, HĐND huyện Giang Thành họp bất thường, bầu chức danh Chủ tịch UBND huyện thay người tiền nhiệm "
        "nhận nhiệm vụ mới.\n\n" + FILLER + "\n",
        "Giang Thành",
        2020,
    ),
    (
        "a-congress-on-its-second-day",
        None,
        "Ngày làm việc thứ hai của Đại hội\n\n"
        "Sáng 7/8, Đại hội đại biểu Đảng bộ huyện Nông Cống lần thứ XXV, nhiệm kỳ 2020 - 2025 tiếp tục ngày làm việc thứ "
        "hai, thảo luận các văn kiện trình Đại hội.\n\n" + FILLER + "\n",
        "Nông Cống",
        2020,
    ),
    (
        "re-elected-for-the-term",
        None,
        "Kết quả bầu cử tại Đại hội\n\n"
        "Đồng chí Hoàng Văn Lâm tái đắc cử Bí thư Huyện ủy Tiên Yên, nhiệm kỳ 2020-2025; Ban Chấp hành Đảng bộ huyện gồm "
        "39 đồng chí.\n\n" + FILLER + "\n",
        "Tiên Yên",
        2020,
    ),
    (
        "a-by-election-in-mid-term-is-not-the-terms-first-year",
        None,
        "Họp bất thường HĐND huyện Bảo Yên\n\nCập nhật ngày: 15/09/2013 - 08:10\n\n"
        "Sáng 14.9, HĐND huyện Bảo Yên khóa XVIII, nhiệm kỳ 2011-2016 họp bất thường, bầu bổ sung các chức danh chủ "
        "chốt. Kết quả, ông Lý Văn Tám trúng cử Chủ tịch UBND huyện khóa XVIII, nhiệm kỳ 2011-2016 với 30/31 phiếu; ông "
        "Lò Văn Chín đắc cử Ủy viên UBND huyện khóa XVIII, nhiệm kỳ 2011-2016.\n\n" + FILLER + "\n",
        "Bảo Yên",
        2013,
    ),
    (
        "candidates-meet-voters-before-the-election",
        None,
        "Người ứng cử đại biểu HĐND huyện Hàm Yên khóa XX, nhiệm kỳ 2021-2026 tiếp xúc cử tri xã Thái Sơn\n\n"
        "Các ứng cử viên đã trình bày chương trình hành động; cử tri huyện Hàm Yên kiến nghị sửa chữa đường giao thông "
        "liên thôn và kênh mương nội đồng.\n\n" + FILLER + "\n",
        "Hàm Yên",
        2021,
    ),
    (
        "a-city-written-t-dot-p",
        None,
        "Đại hội Đoàn thành phố\n\n"
        "Trong 2 ngày 2 và 3-8-2017, Đoàn TNCS Hồ Chí Minh T.P Tam Điệp tổ chức Đại hội đại biểu lần thứ VII, bầu Ban "
        "Chấp hành gồm 21 đồng chí.\n\n" + FILLER + "\n",
        "Tam Điệp",
        2017,
    ),
    (
        "a-font-size-widget-is-no-title",
        None,
        "TX. Thái Hòa, Nghệ An: chuẩn bị kỳ họp cuối năm\n\nXem với cỡ chữ\n\n"
        "Theo dự kiến, kỳ họp thứ 9 HĐND thị xã khóa VI sẽ diễn ra trong 2 ngày (từ 25 - 26.12.2019); Thường trực HĐND "
        "thị xã đề nghị các ngành chuẩn bị đúng tiến độ các báo cáo, tờ trình trình kỳ họp.\n\n" + FILLER + "\n",
        "Thái Hòa",
        2019,
    ),
    (
        "a-blog-address-gives-year-and-month",
        "http://tintuc-honDat.blogspot.com/2023/12/huyen-uy-hop-ban-chap-hanh.html",
        "Hội nghị Ban Chấp hành Đảng bộ huyện\n\n"
        "Sáng 20/12, Huyện ủy Hòn Đất tổ chức hội nghị Ban Chấp hành Đảng bộ huyện lần thứ 15, cho ý kiến vào báo cáo "
        "kiểm điểm công tác lãnh đạo, chỉ đạo.\n\n" + FILLER + "\n",
        "Hòn Đất",
        2023,
    ),
    (
        "a-school-year-in-the-address-is-a-span",
        "http://pgd.example.edu.vn/huyen-thap-muoi-tong-ket-nam-hoc-2021-2022-trien-khai-nhiem-vu-nam-hoc-2022-2023/",
        "Ngày 30/8/2022, Phòng Giáo dục và Đào tạo huyện Tháp Mười tổ chức hội nghị tổng kết năm học 2021-2022, triển "
        "khai nhiệm vụ năm học 2022-2023.\n\n" + FILLER + "\n",
        "Tháp Mười",
        2022,
    ),
    (
        "a-review-beside-next-years-programme",
        None,
        "Công an huyện Quế Sơn tổng kết công tác năm 2020, triển khai chương trình công tác năm 2021\n\n"
        "Năm 2020, Công an huyện Quế Sơn đã điều tra làm rõ 25 vụ phạm pháp hình sự, xử lý 1.200 trường hợp vi phạm trật "
        "tự an toàn giao thông.\n\n" + FILLER + "\n",
        "Quế Sơn",
        2020,
    ),
    (
        "a-deadline-before-a-year-never-votes",
        "http://tv.example.vn/tin-tuc/huyen-cu-jut-dat-chuan-nong-thon-moi-truoc-nam-2025-6855.html",
        "Quang cảnh hội nghị\n\n"
        "Trong nhiệm kỳ qua, huyện Cư Jút có 6 xã đạt chuẩn nông thôn mới; năm 2020 thu nhập bình quân đầu người "
        "ước 42 triệu đồng.\n\n" + FILLER + "\n",
        "Cư Jút",
        2020,
    ),
    (
        "a-year-the-district-sets-itself-is-a-plan",
        None,
        "Kỳ họp thứ 4 HĐND quận Lê Chân\n\n"
        "Năm 2021, thu ngân sách trên địa bàn quận Lê Chân ước 1.200 tỷ đồng, các phường giữ vững an ninh trật tự.\n\n"
        "Năm 2022, quận Lê Chân xác định thích ứng an toàn, linh hoạt với dịch bệnh, đẩy nhanh chỉnh trang đô thị.\n\n"
        + FILLER
        + "\n",
        "Lê Chân",
        2021,
    ),
    (
        "next-years-theme-is-a-plan",
        None,
        "Kỳ họp thứ ba HĐND huyện Củ Chi\n\n"
        "Sáng 24-12, HĐND huyện Củ Chi khai mạc kỳ họp thứ ba, khóa XI. Năm 2021, huyện Củ Chi thu ngân sách vượt dự "
        "toán.\n\n"
        "Các đại biểu thống nhất chủ đề năm 2022 của huyện: thích ứng an toàn, linh hoạt, phục hồi kinh tế.\n\n"
        + FILLER
        + "\n",
        "Củ Chi",
        2021,
    ),
    (
        "an-organisations-host-names-its-province",
        "http://hoinongdantiengiang.org.vn/trang/tin-tuc/2538",
        "Đại hội Hội Nông dân huyện Châu Thành lần thứ XI\n\n"
        "Trong 2 ngày 25 và 26/5/2023, Đại hội đại biểu Hội Nông dân huyện Châu Thành lần thứ XI, nhiệm kỳ 2023 - 2028 "
        "đã diễn ra với 200 đại biểu chính thức.\n\n" + FILLER + "\n",
        "Châu Thành",
        2023,
    ),
    (
        "a-part-of-the-year-without-its-year-on-a-dated-page",
        None,
        " date 2023-06 Kỳ họp HĐND quận Long Biên\n\n"
        "Tại kỳ họp, Chủ tịch HĐND quận Long Biên cho biết, trong 5 tháng đầu năm, thu ngân sách trên địa bàn quận đạt "
        "46% dự toán.\n\nCác công trình khởi công năm 2022 trên địa bàn các phường được đẩy nhanh tiến độ thi công.\n\n"
        + FILLER
        + "\n",
        "Long Biên",
        2023,
    ),
    (
        "a-birth-year-never-votes",
        None,
        "Ông Lê Văn An được bầu giữ chức Chủ tịch UBND quận Hoàn Kiếm\n\nNguyên Bảo\n\nChia sẻ Zalo\n\n"
        "Với 100% số phiếu, HĐND quận Hoàn Kiếm đã bầu ông Lê Văn An giữ chức Chủ tịch UBND quận nhiệm kỳ 2016-2021.\n\n"
        "Trước đó, Chủ tịch UBND thành phố đã trao quyết định điều động ông Lê Văn An (sinh năm 1977), Phó Giám đốc Sở "
        "Tài nguyên và Môi trường, về công tác tại Quận ủy Hoàn Kiếm.\n\n" + FILLER + "\n",
        "Hoàn Kiếm",
        None,
    ),
    (
        "a-meeting-about-a-congress-to-come-in-its-address",
        "http://ungHoa.example.gov.vn/kinh-te-chinh-tri/-/view_content/85-hoi-nghi-hop-ban-thao-luan-to-chuc-dai-hoi-dang"
        "-bo-huyen-lan-thu-xxvi-nhiem-ky-2025-2030.html",
        "Hội nghị bàn tổ chức Đại hội Đảng bộ huyện lần thứ XXVI, nhiệm kỳ 2025-2030\n"
        "Ngày đăng 12/05/2024 | 00:23\n\n"
        "Chiều ngày 10/5, Tiểu ban Văn kiện phục vụ Đại hội Đảng bộ huyện Ứng Hòa lần thứ XXVI họp bàn đề cương Báo cáo "
        "chính trị, thống nhất một số nội dung quan trọng.\n\n" + FILLER + "\n",
        "Ứng Hòa",
        2024,
    ),
    (
        "a-review-of-the-whole-term",
        None,
        "Huyện Tháp Mười: Tổng kết hoạt động Hội đồng nhân dân huyện nhiệm kỳ 2016 - 2021\n\n"
        "Sáng 05/01, HĐND huyện Tháp Mười tổ chức hội nghị tổng kết, đánh giá kết quả hoạt động của HĐND huyện trong cả "
        "nhiệm kỳ, khen thưởng các tập thể và cá nhân.\n\n" + FILLER + "\n",
        "Tháp Mười",
        2021,
    ),
    (
        "an-anniversary-in-the-address",
        "https://tinhuy.example.vn/news/Chinh-tri/bu-gia-map-ky-niem-15-nam-thanh-lap-huyen-1-1-2009-1-1-2024-31.html",
        "Quang cảnh buổi lễ\n\n"
        "Cách đây 15 năm, Chính phủ ban hành Nghị định số 08/NĐ-CP ngày 11/8/2008 về việc thành lập huyện Bù Gia Mập; "
        "từ đó đến nay, Đảng bộ và Nhân dân huyện Bù Gia Mập đã đoàn kết vượt qua khó khăn.\n\n" + FILLER + "\n",
        "Bù Gia Mập",
        2024,
    ),
    (
        "the-date-that-opens-a-report-after-march",
        None,
        "HĐND huyện Bắc Quang họp chuẩn bị kỳ họp giữa năm\n\n"
        "Sáng ngày 12/7/2018, Thường trực HĐND huyện Bắc Quang họp chuẩn bị nội dung kỳ họp thứ 6.\n\n"
        "Các đại biểu nghe báo cáo kết quả thực hiện nhiệm vụ năm 2017 và thảo luận chương trình giám sát.\n\n"
        + FILLER
        + "\n",
        "Bắc Quang",
        2018,
    ),
    (
        "next-years-theme-said-after-the-year",
        None,
        "Quận Ba Đình tổng kết công tác\n\n"
        "Tổng thu ngân sách trên địa bàn quận Ba Đình ước cả năm đạt 3.689 tỷ đồng, bằng 140% kế hoạch thành phố giao.\n\n"
        "Năm 2016 cũng là năm thành phố tiếp tục chọn chủ đề về trật tự và văn minh đô thị, vì vậy quận cần chọn nội "
        "dung thiết thực.\n\n" + FILLER + "\n",
        "Ba Đình",
        None,
    ),
    (
        "a-congress-named-with-its-year",
        None,
        "Đại hội đại biểu các dân tộc thiểu số huyện Bát Xát\n\n"
        "Trong 2 ngày 30 - 31/5, huyện Bát Xát tổ chức Đại hội đại biểu các dân tộc thiểu số lần thứ IV, năm 2024, với "
        "chủ đề đoàn kết, đổi mới, hội nhập, phát triển.\n\n"
        "Tổng sản lượng lương thực có hạt năm 2023 của huyện đạt 22.051 tấn; tổng thu từ các dịch vụ du lịch năm 2023 "
        "đạt 15,2 tỷ đồng.\n\n" + FILLER + "\n",
        "Bát Xát",
        2024,
    ),
    (
        "a-committee-elected-for-the-term",
        None,
        "Bế mạc Đại hội Đảng bộ quận\n\n"
        "Sau 2 ngày làm việc, trưa 6-8, Đại hội đại biểu Đảng bộ quận Bình Thạnh đã bế mạc. Các đại biểu đã bầu Ban Chấp "
        "hành Đảng bộ quận Bình Thạnh lần thứ XI nhiệm kỳ 2020-2025 gồm 45 đồng chí.\n\n" + FILLER + "\n",
        "Bình Thạnh",
        2020,
    ),
    (
        "a-name-in-the-other-i-y-spelling",
        None,
        "Kỳ họp thứ 2 HĐND huyện Phú Quý\n\n"
        "Sáng 21/7/2016, HĐND huyện Phú Quý khóa X tổ chức kỳ họp thứ 2, đánh giá tình hình kinh tế - xã hội 6 tháng "
        "đầu năm 2016 của huyện đảo.\n\n" + FILLER + "\n",
        "Phú Quí",
        2016,
    ),
    (
        "a-district-radio-station-names-its-district",
        "http://nuithanhrt.vn/tin-tuc/trien-khai-ke-hoach-ky-niem.html",
        "UBND huyện họp bàn các hoạt động kỷ niệm cuối năm\n\n"
        "Chiều ngày 13.11.2014, UBND huyện tổ chức họp với các phòng ban, đơn vị liên quan để bàn việc tổ chức các hoạt "
        "động kỷ niệm lịch sử, văn hóa cuối năm 2014.\n\n" + FILLER + "\n",
        "Núi Thành",
        2014,
    ),
    (
        "a-new-years-gathering-is-of-the-new-year",
        None,
        "Nhân dịp Tết Đinh Dậu 2017, sáng ngày 19/1, Ban Thường vụ Huyện ủy Ân Thi tổ chức buổi gặp mặt các đồng chí "
        "nguyên lãnh đạo huyện qua các thời kỳ đã nghỉ hưu.\n\n"
        "Tại buổi gặp mặt, đồng chí Bí thư Huyện ủy đã thông tin về kết quả thực hiện nhiệm vụ phát triển kinh tế - xã "
        "hội trong năm 2016 của huyện Ân Thi.\n\n" + FILLER + "\n",
        "Ân Thi",
        2017,
    ),
    (
        "a-councils-term-then-its-first-meeting",
        None,
        "HĐND thành phố Tam Kỳ khóa XI họp lần thứ nhất\n\n"
        "Hội đồng nhân dân thành phố Tam Kỳ khóa XI, nhiệm kỳ 2016 – 2021 vừa tổ chức cuộc họp lần thứ nhất để báo cáo "
        "kết quả bầu cử và bầu các chức danh chủ chốt của HĐND, UBND thành phố.\n\n" + FILLER + "\n",
        "Tam Kỳ",
        2016,
    ),
    (
        "a-district-media-centres-host",
        "https://ttthkrongbong.gov.vn/tin-tuc/ubnd-huyen-to-chuc-hoi-nghi-tong-ket.html",
        "UBND huyện tổ chức hội nghị tổng kết\n\n"
        "Chiều 30/12/2022, UBND huyện tổ chức hội nghị tổng kết công tác năm 2022, triển khai nhiệm vụ năm 2023; các "
        "xã, thị trấn hoàn thành chỉ tiêu thu ngân sách.\n\n" + FILLER + "\n",
        "Krông Bông",
        2022,
    ),
    (
        "a-year-compared-with-the-year-before",
        "https://tinhuy.example.vn/huyen-gio-linh-nhieu-chi-tieu-kinh-te-xa-hoi-dat-va-vuot-ke-hoach",
        "Huyện Gio Linh: nhiều chỉ tiêu kinh tế - xã hội đạt và vượt kế hoạch\n\n"
        "Tổng giá trị sản xuất trên địa bàn huyện Gio Linh ước đạt 12.000 tỷ đồng, tăng 11,07% so với năm 2021; thu "
        "ngân sách trên địa bàn tăng 8% so với năm 2021.\n\n" + FILLER + "\n",
        "Gio Linh",
        2022,
    ),
    (
        "a-session-named-with-its-year",
        None,
        "Hôm nay 2/11, HĐND huyện Điện Bàn khóa XII tổ chức kỳ họp thứ XIV - kỳ họp chuyên đề năm 2023.\n\n"
        "Kỳ họp thông qua đồ án quy hoạch chung đô thị; kế hoạch đầu tư công năm 2024 và danh mục dự án năm 2024 "
        "được các đại biểu thảo luận.\n\n" + FILLER + "\n",
        "Điện Bàn",
        2023,
    ),
    (
        "a-title-that-launches-the-year-it-was-published-in",
        "https://tin.example.com/2019/03/627141/tuyen-hoa-trien-khai-cong-tac-giam-ngheo/",
        "UBND huyện Tuyên Hóa tổ chức hội nghị triển khai công tác giảm nghèo năm 2019.\n\n"
        "Năm 2018, huyện Tuyên Hóa đã giảm được trên 1.000 hộ nghèo, đời sống của người dân từng bước được nâng lên, "
        "hạ tầng giao thông được chú trọng đầu tư.\n\n" + FILLER + "\n",
        "Tuyên Hóa",
        2019,
    ),
    (
        "a-new-years-gathering-that-recounts-the-year-before",
        "http://tin.example.blogspot.com/2024/02/hon-dat-hop-mat-dau-xuan.html",
        "Hòn Đất gặp mặt cán bộ hưu trí\n\n"
        "Ngày 31/1, Huyện ủy Hòn Đất tổ chức họp mặt đầu xuân với các đồng chí nguyên lãnh đạo huyện, nhân dịp kỷ "
        "niệm 94 năm Ngày thành lập Đảng và mừng xuân Giáp Thìn 2024.\n\n"
        "Đồng chí Bí thư Huyện ủy đã thông tin những kết quả nổi bật, tình hình kinh tế - xã hội của huyện Hòn Đất "
        "trong năm 2023.\n\n" + FILLER + "\n",
        "Hòn Đất",
        2024,
    ),
]


def page_text(page_id: str) -> str:
    return next(text for pid, _, text, _, _ in PAGES if pid == page_id)


@pytest.mark.parametrize(("page_id", "url", "text", "district", "year"), PAGES, ids=[p[0] for p in PAGES])
def test_page_is_tagged_as_a_person_would(page_id, url, text, district, year):
    report = process_text(text, url=url)
    assert (report.district.short if report.district else None) == district, report.evidence["district"]
    assert report.year == year, report.evidence["year"]


def test_a_merged_district_is_labelled_with_its_successor():
    report = process_text(page_text("a-district-merged-later-tags-a-report-of-its-time"))
    from indexer.gazetteer import gazetteer

    assert gazetteer().district_label(report.district.code) == "Long Điền (nay Long Đất, Bà Rịa - Vũng Tàu)"
    assert any("until 2025-01-01" in e for e in report.evidence["district"])


def test_after_a_merger_the_old_name_is_the_new_district():
    text = (
        "Tiếp xúc cử tri năm 2025\n\nNăm 2025, cử tri huyện Long Điền cũ kiến nghị đầu tư tuyến đường ven biển; "
        "kết quả thực hiện nhiệm vụ năm 2025 được báo cáo.\n\n" + FILLER + "\n"
    )
    report = process_text(text, published=__import__("datetime").date(2025, 5, 2))
    assert report.district is not None and report.district.short == "Long Đất"


def test_an_organisations_host_picks_the_province_of_a_shared_name():
    report = process_text(
        page_text("an-organisations-host-names-its-province"), url="http://hoinongdantiengiang.org.vn/trang/tin/1"
    )
    assert report.province is not None and report.province.short == "Tiền Giang"


def test_a_byline_under_the_headline_is_not_the_title():
    report = process_text(page_text("a-birth-year-never-votes"))
    assert report.title is not None and report.title.startswith("Ông Lê Văn An được bầu")
    assert report.author == "Nguyên Bảo"


def test_thi_xa_is_a_district_not_a_commune():
    # "thị xã Tân Châu" is An Giang's: the unit word picks it among two.
    report = process_text(
        "Thị xã Tân Châu tổng kết năm 2022\n\nNăm 2022, thị xã Tân Châu đã hoàn thành các chỉ tiêu; kết quả "
        "thực hiện nhiệm vụ năm 2022 đạt khá.\n\n" + FILLER + "\n"
    )
    assert report.district is not None and report.province.short == "An Giang"


def test_given_metadata_wins_and_is_shown_as_given(tmp_path):
    from indexer.inspect_report import render_report

    page = tmp_path / "bao-cao.txt"
    page.write_text(PAGES[0][2], encoding="utf-8")
    (tmp_path / "bao-cao.json").write_text(
        json.dumps({"district": "974", "year": 2023, "url": "https://example.vn/a", "published": "2023-12-20"}),
        encoding="utf-8",
    )
    report = process_file(page)
    assert report.district.short == "Long Điền" and report.year == 2023
    assert str(report.published) == "2023-12-20" and report.url == "https://example.vn/a"
    shown = render_report(report)
    assert "Long Điền (nay Long Đất" in shown and "2023  (given)" in shown
    assert "since 7/2025: Thành phố Hồ Chí Minh" in shown


def test_an_html_page_gives_its_own_address(tmp_path):
    page = tmp_path / "trang.html"
    page.write_text(
        '<html><head><link rel="canonical" href="https://tuyphong.binhthuan.dcs.vn/post/1/hoi-nghi">'
        "<title>Hội nghị cơ quan Huyện ủy</title></head><body><p>"
        + PAGES[9][2].split("\n\n")[1]
        + "</p><p>"
        + FILLER
        + "</p></body></html>",
        encoding="utf-8",
    )
    report = process_file(page)
    assert report.url == "https://tuyphong.binhthuan.dcs.vn/post/1/hoi-nghi"
    assert report.district.short == "Tuy Phong"
    assert any("url: address host" in e for e in report.evidence["district"])


@pytest.mark.parametrize(
    ("sidecar", "reason"),
    [
        ("{not json", "not valid JSON"),
        ('{"district": "974", "distrct": "1"}', "unknown field"),
        ('{"year": "2023"}', "year must be"),
        ('{"published": "20/12/2023"}', "YYYY-MM-DD"),
    ],
)
def test_a_bad_sidecar_says_why(tmp_path, sidecar, reason):
    page = tmp_path / "r.txt"
    page.write_text(PAGES[0][2], encoding="utf-8")
    (tmp_path / "r.json").write_text(sidecar, encoding="utf-8")
    with pytest.raises(ReadError, match=reason):
        process_file(page)


def test_todays_province():
    from indexer.gazetteer import gazetteer
    from indexer.provinces2025 import label_2025, province_2025, provinces_2025

    gaz = gazetteer()
    assert set(provinces_2025()) == set(gaz.provinces)  # every legacy province has one
    assert len({p.code for p in provinces_2025().values()}) == 34
    binh_luc = gaz.district_names["bình lục"][0]
    assert province_2025(binh_luc.province_code).short == "Ninh Bình"
    assert label_2025(binh_luc) == "Bình Lục (Hà Nam, nay Ninh Bình)"
    report = process_text(PAGES[0][2])
    assert report.province_2025 is not None and report.province_2025.short == "Bắc Ninh"  # Bắc Giang → Bắc Ninh
