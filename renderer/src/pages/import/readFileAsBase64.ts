/** The file's bytes as base64, for the core (a web page cannot pass a file path). */
export function readFileAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(new Error(`${file.name} could not be read. Choose it again.`));
    reader.onload = () => {
      // readAsDataURL always gives a string.
      const url = reader.result as string;
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.readAsDataURL(file);
  });
}
