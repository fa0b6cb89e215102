package org.referralbridge.server.staff;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import javax.imageio.ImageIO;
import org.referralbridge.server.web.PublicAddress;
import org.springframework.stereotype.Component;

/** An advocate's card: the QR code of the friend link as a PNG, and the whole card as a PDF to print. */
@Component
class FrontDeskCards {

    static final String INSTRUCTIONS = "Give this card to a friend. They can scan the QR code or open the link, or"
            + " tell the front desk the referral code when they book their first visit.";

    private static final int QR_SIZE = 300;

    private final PublicAddress address;

    FrontDeskCards(PublicAddress address) {
        this.address = address;
    }

    String friendLink(String code) {
        return address.of("/r/" + code);
    }

    byte[] qrPng(String code) {
        try {
            BitMatrix matrix = new QRCodeWriter()
                    .encode(
                            friendLink(code),
                            BarcodeFormat.QR_CODE,
                            QR_SIZE,
                            QR_SIZE,
                            Map.of(EncodeHintType.MARGIN, 2));
            BufferedImage image = new BufferedImage(QR_SIZE, QR_SIZE, BufferedImage.TYPE_INT_RGB);
            for (int x = 0; x < QR_SIZE; x++) {
                for (int y = 0; y < QR_SIZE; y++) {
                    image.setRGB(x, y, matrix.get(x, y) ? 0x000000 : 0xFFFFFF);
                }
            }
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(image, "png", png);
            return png.toByteArray();
        } catch (WriterException e) {
            throw new IllegalStateException("the friend link could not be drawn as a QR code", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] pdf(String code) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A6);
        try {
            PdfWriter.getInstance(document, out);
            document.open();
            Paragraph title = new Paragraph("Your referral code", FontFactory.getFont(FontFactory.HELVETICA, 14));
            title.setAlignment(Element.ALIGN_CENTER);
            document.add(title);
            Paragraph shown = new Paragraph(code, FontFactory.getFont(FontFactory.COURIER_BOLD, 28, Font.BOLD));
            shown.setAlignment(Element.ALIGN_CENTER);
            document.add(shown);
            Image qr = Image.getInstance(qrPng(code));
            qr.scaleToFit(150, 150);
            qr.setAlignment(Element.ALIGN_CENTER);
            document.add(qr);
            Paragraph link = new Paragraph(friendLink(code), FontFactory.getFont(FontFactory.HELVETICA, 9));
            link.setAlignment(Element.ALIGN_CENTER);
            document.add(link);
            document.add(new Paragraph(INSTRUCTIONS, FontFactory.getFont(FontFactory.HELVETICA, 10)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            document.close();
        }
        return out.toByteArray();
    }
}
